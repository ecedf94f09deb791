namespace Assistant.Chatwoot.Webhooks;

/// <summary>A file, image, voice note or location sent with a message (reference/chatwoot.md §1.5a).</summary>
/// <param name="FileType"><c>image</c>, <c>audio</c>, <c>video</c>, <c>file</c>, <c>location</c>, <c>fallback</c>, ...</param>
/// <param name="DataUrl">Where Chatwoot serves it; null for locations.</param>
/// <param name="TranscribedText">A voice note's transcript, when Chatwoot made one.</param>
public sealed record ChatwootAttachment(
    string FileType, string? FileName, string? DataUrl, double? Latitude, double? Longitude, string? TranscribedText);
