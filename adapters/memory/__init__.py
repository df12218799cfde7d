from adapters.memory.database import InMemoryDatabase
from adapters.memory.unit_of_work import InMemoryUnitOfWork

__all__ = ["InMemoryDatabase", "InMemoryUnitOfWork"]
