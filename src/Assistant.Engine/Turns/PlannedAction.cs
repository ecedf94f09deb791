using System.Text.Json.Nodes;
using Assistant.Chatwoot.Api;

namespace Assistant.Engine.Turns;

/// <summary>One step of a turn's plan, stored before it is carried out.</summary>
/// <param name="RequiresOwnership">Checked against Chatwoot just before: answers stop the moment a human takes over.</param>
public sealed record PlannedAction(
    string Kind,
    bool RequiresOwnership,
    string? Content = null,
    string? ContentType = null,
    bool Private = false,
    JsonObject? ContentAttributes = null,
    IReadOnlyList<string>? Labels = null,
    long? Id = null,
    string? Status = null,
    JsonObject? TemplateParams = null)
{
    public const string MessageKind = "message";
    public const string AddLabelsKind = "add_labels";
    public const string RemoveLabelKind = "remove_label";
    public const string AssignTeamKind = "assign_team";
    public const string AssignAgentKind = "assign_agent";
    public const string StatusKind = "status";

    public static PlannedAction Message(OutgoingMessage message, bool requiresOwnership) =>
        new(MessageKind, requiresOwnership, message.Content, message.ContentType, message.Private, message.ContentAttributes, TemplateParams: message.TemplateParams);

    public OutgoingMessage ToMessage() => new(Content!, ContentType!, Private, ContentAttributes) { TemplateParams = TemplateParams };
}
