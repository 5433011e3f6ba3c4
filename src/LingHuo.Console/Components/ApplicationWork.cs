using Microsoft.AspNetCore.Components;
using P = LingHuo.Protos.V1;

namespace LingHuo.Console.Components;

/// <summary>
/// A page that acts on one application: its calls, what the gateway refused (line by line), what was done. What was
/// typed stays on the page when a call is refused; the page reloads the application only after a success.
/// </summary>
public abstract class ApplicationWork : ComponentBase
{
    [Inject]
    private Session Session { get; set; } = null!;

    protected IReadOnlyList<string> Problems { get; set; } = [];

    protected string? Done { get; private set; }

    protected bool Busy { get; private set; }

    protected abstract Task LoadAsync();

    protected override Task OnInitializedAsync() => LoadAsync();

    protected async Task Act(string done, Func<P.ApplicationService.ApplicationServiceClient, Task> call)
    {
        Done = null;
        if (await Run(call))
        {
            Done = done;
            await LoadAsync();
        }
    }

    protected async Task<bool> Run(Func<P.ApplicationService.ApplicationServiceClient, Task> work)
    {
        Busy = true;
        try
        {
            await work(await Session.ApplicationsAsync());
            Problems = [];
            return true;
        }
        catch (Grpc.Core.RpcException e)
        {
            Problems = LingHuo.Console.Problems.Of(e);
            return false;
        }
        finally
        {
            Busy = false;
        }
    }
}
