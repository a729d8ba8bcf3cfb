using GovHall.Core.Certificates;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GovHall.Web.Pages.Certificates;

// How anyone checks a certificate without the hall: the token's parts, the openssl recipe of
// docs/certificates.md in Chinese, and the published keys.
public sealed class OfflineModel(CertificateKeys keys) : PageModel
{
    public IReadOnlyList<PublishedKey> Keys => keys.Published();
}
