namespace Platform.SharedKernel;

/// <summary>Something that happened inside an aggregate; later turned into integration events.</summary>
public interface IDomainEvent;

/// <summary>Implemented by aggregates that raise domain events for the persistence layer to collect.</summary>
public interface IHasDomainEvents
{
    /// <summary>The aggregate's identity: events about one aggregate are published in the order they were raised.</summary>
    Guid Id { get; }

    IReadOnlyList<IDomainEvent> DomainEvents { get; }

    void ClearDomainEvents();
}

/// <summary>Columns every business entity carries; filled by the persistence layer, never by hand.</summary>
public interface IAuditable
{
    DateTimeOffset CreatedAt { get; set; }
    string? CreatedBy { get; set; }
    DateTimeOffset UpdatedAt { get; set; }
    string? UpdatedBy { get; set; }
}

/// <summary>Rows are hidden by a global query filter once <see cref="DeletedAt"/> is set.</summary>
public interface ISoftDeletable
{
    DateTimeOffset? DeletedAt { get; set; }
}

/// <summary>Changes to these entities are written to the service's audit log with before/after values.</summary>
public interface IAudited;

public abstract class AggregateRoot : IAuditable, IHasDomainEvents
{
    private readonly List<IDomainEvent> _domainEvents = [];

    public Guid Id { get; protected set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public string? UpdatedBy { get; set; }

    /// <summary>Row version (PostgreSQL <c>xmin</c>): optimistic concurrency and ETags.</summary>
    public uint Version { get; set; }

    public IReadOnlyList<IDomainEvent> DomainEvents => _domainEvents;

    public void ClearDomainEvents() => _domainEvents.Clear();

    protected void Raise(IDomainEvent domainEvent) => _domainEvents.Add(domainEvent);
}
