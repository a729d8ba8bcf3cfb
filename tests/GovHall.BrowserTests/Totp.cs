namespace GovHall.BrowserTests;

// The demo staff accounts share the TOTP secret published in ../shared/CONTRACT.md.
public static class Totp
{
    public const string DemoSecret = "JBSWY3DPEHPK3PXP";

    public static string Now(string secret = DemoSecret) => new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(secret)).ComputeTotp();
}
