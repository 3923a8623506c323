using Loans.Application.Persistence;
using Platform.Persistence;

namespace Loans.Infrastructure;

internal sealed class DesignTimeLoansDb() : DesignTimeFactory<LoansDb>(LoansDb.Schema);
