namespace GovHall.Core;

// An expected failure: a stable machine code (used in problem details) and a Chinese message
// for people. Optional Field points at the input that caused it ("Materials[2].Name").
public sealed record Error(string Code, string Message, string? Field = null)
{
    public ErrorKind Kind { get; init; } = ErrorKind.Invalid;

    public static Error NotFound(string code, string message) => new(code, message) { Kind = ErrorKind.NotFound };
    public static Error Conflict(string code, string message) => new(code, message) { Kind = ErrorKind.Conflict };
    public static Error Gone(string code, string message) => new(code, message) { Kind = ErrorKind.Gone };
    public static Error TooMany(string code, string message) => new(code, message) { Kind = ErrorKind.TooMany };
}

public enum ErrorKind { Invalid, NotFound, Conflict, Gone, Forbidden, TooMany }

public readonly record struct Result<T>
{
    private Result(T? value, IReadOnlyList<Error> errors)
    {
        Value = value;
        Errors = errors;
    }

    public T? Value { get; }
    public IReadOnlyList<Error> Errors { get; }
    public bool Succeeded => Errors.Count == 0;

    public static Result<T> Ok(T value) => new(value, []);
    public static Result<T> Fail(params IReadOnlyList<Error> errors) => new(default, errors);

    public static implicit operator Result<T>(T value) => Ok(value);
    public static implicit operator Result<T>(Error error) => Fail(error);
}
