"""The video consultations' GraphQL layer: what the root schema composes."""

from community.consultations.api.mutations import ConsultationMutations
from community.consultations.api.queries import ConsultationQueries

__all__ = ["ConsultationMutations", "ConsultationQueries"]
