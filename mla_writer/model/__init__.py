"""The case model. Imports nothing else of the package: screens and documents depend on it."""

from .case import SCHEMA_VERSION, Annex, Case, Confidentiality, Delivery, Facts, Training, Urgency
from .common import LANGUAGES, Lang, Text, blank, country_name
from .identifiers import (
    IDENTIFIER_TYPES, IMEI, URL, Account, CryptoAddress, DeviceSerial, Domain, EmailAddress,
    Identifier, IPAddress, PhoneNumber,
)
from .legal import Authorisation, LegalBasis, Offence, Proceedings, Safeguards
from .parties import Authority, Contact, Person, Provider, RequestedParty, RequestingParty, Signature
from .requests import (
    CATEGORIES_BY_KIND, REQUEST_KINDS, Authenticity, ContentRequest, DataItem, DateRange,
    EmergencyRequest, FollowUp, PreservationReference, PreservationRequest, Request,
    SubscriberRequest, TrafficRequest,
)

__all__ = [
    "SCHEMA_VERSION", "LANGUAGES", "IDENTIFIER_TYPES", "REQUEST_KINDS", "CATEGORIES_BY_KIND",
    "Annex", "Account", "Authenticity", "Authorisation", "Authority", "Case", "Confidentiality",
    "Contact", "ContentRequest", "CryptoAddress", "DataItem", "DateRange", "Delivery",
    "DeviceSerial", "Domain", "EmailAddress", "EmergencyRequest", "Facts", "FollowUp", "IMEI",
    "IPAddress", "Identifier", "Lang", "LegalBasis", "Offence", "Person", "PhoneNumber",
    "PreservationReference", "PreservationRequest", "Proceedings", "Provider", "Request",
    "RequestedParty", "RequestingParty", "Safeguards", "Signature", "SubscriberRequest", "Text",
    "TrafficRequest", "Training", "URL", "Urgency", "blank", "country_name",
]
