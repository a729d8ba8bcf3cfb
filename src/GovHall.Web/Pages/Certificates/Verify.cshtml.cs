using GovHall.Core;
using GovHall.Core.Certificates;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Certificates;

// Public verification of an electronic certificate: by the text of its QR code (the signed
// token: the signature is checked first) or by its number (the hall's record only).
public sealed class VerifyModel(CertificateService certificates) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "t")]
    public string? Token { get; set; }

    [BindProperty(SupportsGet = true, Name = "no")]
    public string? Number { get; set; }

    public CertificateCheck? Check { get; private set; }
    public Error? Problem { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Token) && string.IsNullOrWhiteSpace(Number))
        {
            return;
        }

        var result = string.IsNullOrWhiteSpace(Token)
            ? await certificates.CheckNumberAsync(Number, cancellationToken)
            : await certificates.CheckTokenAsync(Token, cancellationToken);
        if (result.Succeeded)
        {
            Check = result.Value;
        }
        else
        {
            Problem = result.Errors[0];
            Response.StatusCode = Problems.StatusOf(Problem.Kind);
        }
    }
}
