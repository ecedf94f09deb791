# The assistant, built from source and run as a non-root user on the ASP.NET runtime image.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Assistant.Host -c Release -o /app --nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
# The runtime image's unprivileged user (uid 1654).
USER app
ENV ASPNETCORE_URLS=http://+:8080 \
    Logging__Format=json
EXPOSE 8080
ENTRYPOINT ["./assistant"]
CMD ["serve"]
