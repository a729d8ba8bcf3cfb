// What nearly every page and endpoint reads from Hosting: who is signed in and what they may do
// (Security: claims, policies), and how the hall answers over HTTP (Http: problems, rate
// limits, client address, elder mode, China time). The other Hosting folders are start-up and
// background concerns, imported where they are used.
global using GovHall.Web.Hosting.Http;
global using GovHall.Web.Hosting.Security;
