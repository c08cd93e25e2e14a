"""The case model. Imports nothing else of the package: screens and documents depend on it."""

from . import no_plugins  # noqa: F401  first: no pydantic validator may be built before it
from .case import SCHEMA_VERSION, Annex, Case, Confidentiality, Delivery, Facts, Training, Urgency
from .common import LANGUAGES, Lang, Text, blank, country_name
from .history import HISTORY_EVENTS, StatusEvent
from .identifiers import (
    IDENTIFIER_CLASSES,
    IDENTIFIER_TYPES,
    IMEI,
    URL,
    Account,
    CryptoAddress,
    DeviceSerial,
    Domain,
    EmailAddress,
    Identifier,
    IPAddress,
    PhoneNumber,
)
from .legal import Authorisation, LegalBasis, Offence, Proceedings, Safeguards
from .parties import Authority, Contact, Person, Provider, RequestedParty, RequestingParty, Signature
from .requests import (
    CATEGORIES,
    CATEGORIES_BY_KIND,
    CHANNELS,
    CONTENT_CATEGORIES,
    FORMAL_CHANNELS,
    INFORMAL_CHANNELS,
    PROVIDER_CHANNELS,
    REQUEST_CLASSES,
    REQUEST_KINDS,
    SUBSCRIBER_CATEGORIES,
    TRAFFIC_CATEGORIES,
    Authenticity,
    ContentRequest,
    DataItem,
    DateRange,
    EmergencyRequest,
    FollowUp,
    PreservationExtension,
    PreservationReference,
    PreservationRequest,
    Request,
    SubscriberRequest,
    TrafficRequest,
    is_formal,
)
from .values import Fine, LanguageCode, Penalty, Period

__all__ = [
    "SCHEMA_VERSION", "LANGUAGES", "IDENTIFIER_CLASSES", "IDENTIFIER_TYPES", "REQUEST_CLASSES", "REQUEST_KINDS",
    "CATEGORIES", "CATEGORIES_BY_KIND",
    "CHANNELS", "FORMAL_CHANNELS", "INFORMAL_CHANNELS", "PROVIDER_CHANNELS", "SUBSCRIBER_CATEGORIES", "TRAFFIC_CATEGORIES",
    "CONTENT_CATEGORIES", "HISTORY_EVENTS", "PreservationExtension", "StatusEvent", "is_formal",
    "Annex", "Account", "Authenticity", "Authorisation", "Authority", "Case", "Confidentiality",
    "Contact", "ContentRequest", "CryptoAddress", "DataItem", "DateRange", "Delivery",
    "DeviceSerial", "Domain", "EmailAddress", "EmergencyRequest", "Facts", "FollowUp", "IMEI",
    "IPAddress", "Identifier", "Lang", "LegalBasis", "Offence", "Person", "PhoneNumber",
    "PreservationReference", "PreservationRequest", "Proceedings", "Provider", "Request",
    "RequestedParty", "RequestingParty", "Safeguards", "Signature", "SubscriberRequest", "Text",
    "TrafficRequest", "Training", "URL", "Urgency", "blank", "country_name",
    "Fine", "LanguageCode", "Penalty", "Period",
]
