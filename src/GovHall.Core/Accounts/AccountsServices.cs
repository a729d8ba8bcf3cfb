using GovHall.Core.Audit;
using GovHall.Core.Messages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GovHall.Core.Accounts;

public static class AccountsServices
{
    public static IServiceCollection AddAccounts(this IServiceCollection services, byte[] personalDataKey)
    {
        services.AddSingleton(new PersonalData(personalDataKey));
        services.AddScoped<AccountLookup>();
        services.TryAddSingleton(new CodeLimitSettings());
        services.AddScoped<OneTimeCodes>();
        services.AddScoped<RegisterPerson>();
        services.AddScoped<ResetPassword>();
        services.TryAddSingleton(new SignInLimitSettings());
        services.TryAddScoped<GuessCounts>();
        services.AddScoped<SignInLimit>();
        services.AddScoped<UnlockAccount>();
        services.AddScoped<SignOutEverywhere>();
        services.AddScoped<StaffAccounts>();
        services.AddScoped<CreateStaffAccount>();
        services.AddScoped<UpdateStaffAccount>();
        services.AddScoped<LockStaffAccount>();
        services.AddScoped<UnlockStaffAccount>();
        services.AddScoped<ResetStaffPassword>();
        services.AddScoped<ResetStaffTwoFactor>();
        services.AddScoped<Departments>();
        services.AddScoped<CreateDepartment>();
        services.AddScoped<Organizations>();
        services.AddScoped<OrganizationVerification>();
        services.AddScoped<ExternalSignIn>();
        services.AddScoped<AuditLog>();
        services.AddScoped<AuditEntries>();
        // Production replaces it with the notification outbox (CodeOutbox).
        services.AddScoped<IMessageSender, DevelopmentMailbox>();
        services.AddScoped<Mailbox>();
        return services;
    }
}
