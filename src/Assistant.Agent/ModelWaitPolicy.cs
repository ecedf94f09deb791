using System.ClientModel.Primitives;
using Assistant.Transport;

namespace Assistant.Agent;

/// <summary>
/// Frees the turn's <see cref="WorkBudget"/> share while it waits on the model, the SDK's retries and their back-off
/// included (it runs once per call, before the retry policy).
/// </summary>
internal sealed class ModelWaitPolicy : PipelinePolicy
{
    public override void Process(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        using (WorkBudget.Away())
        {
            ProcessNext(message, pipeline, currentIndex);
        }
    }

    public override async ValueTask ProcessAsync(PipelineMessage message, IReadOnlyList<PipelinePolicy> pipeline, int currentIndex)
    {
        using (WorkBudget.Away())
        {
            await ProcessNextAsync(message, pipeline, currentIndex);
        }
    }
}
