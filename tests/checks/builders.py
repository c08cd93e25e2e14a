"""A complete case that no rule finds fault with, holding one request of each of the five kinds.

Rule tests start from it, break one thing, and expect one rule to speak: so the case must stay
clean. Every value is invented (documentation IPs, example.org domains, fictional numbers).
"""

from __future__ import annotations

import datetime as dt

from mla_writer.checks import Context
from mla_writer.model import (
    Account,
    Authenticity,
    Authorisation,
    Authority,
    Case,
    Confidentiality,
    Contact,
    ContentRequest,
    DataItem,
    DateRange,
    Delivery,
    EmailAddress,
    EmergencyRequest,
    Facts,
    IPAddress,
    LegalBasis,
    Offence,
    Person,
    PhoneNumber,
    PreservationRequest,
    Proceedings,
    Provider,
    RequestedParty,
    RequestingParty,
    Safeguards,
    Signature,
    SubscriberRequest,
    TrafficRequest,
    Urgency,
)

TODAY = dt.date(2026, 4, 15)
CTX = Context(today=TODAY)

# Index of each kind in clean_case().requests
PRES, SUB, TRAF, CONT, EMERG = range(5)

MARCH = DateRange(start=dt.date(2026, 3, 1), end=dt.date(2026, 3, 31), timezone="Europe/London")


def mail_provider() -> Provider:
    return Provider(name="ExampleMail", legal_entity="ExampleMail Ltd.", establishment="GB",
                    local_presence="no", data_location="United Kingdom", services=["webmail"])


def chat_provider() -> Provider:
    return Provider(name="ExampleChat", legal_entity="ExampleChat Ltd.", establishment="GB",
                    local_presence="no", data_location="unknown", services=["messaging"])


def mailbox() -> EmailAddress:
    return EmailAddress(address="payments@supplier.example.net", source="Header of the fraudulent e-mail")


def ip_item() -> DataItem:
    return DataItem(
        identifier=IPAddress(address="198.51.100.23", timestamp=dt.datetime(2026, 3, 3, 8, 14, 52),
                             timezone="Europe/London", port=52144, source="Received header of the e-mail"),
        categories=["identity", "installation_site"],
        date_range=DateRange(start=dt.date(2026, 3, 3), end=dt.date(2026, 3, 3), timezone="Europe/London"),
        nexus="The address from which the fraudulent e-mail was sent.",
    )


def clean_case() -> Case:
    return Case(
        reference="TEST-2026-001",
        title="Invoice fraud",
        date=dt.date(2026, 4, 10),
        languages=["en"],
        drafting_language="en",
        requesting=RequestingParty(
            state="FR",
            authority=Authority(name="Public Prosecutor's Office, Lyon", kind="prosecutor",
                                email="parquet@justice.example.org"),
            case_officer=Contact(name="Officer A. Martin", phone="+33 6 12 34 56 78",
                                 email="a.martin@police.example.org", available_24_7=True),
            cybercrime_unit=Contact(name="Cyber unit", email="cyber@police.example.org"),
            technical_review_done=True,
        ),
        requested=RequestedParty(
            state="GB",
            authority=Authority(name="UK Central Authority", kind="central_authority"),
            point_of_contact_24_7=Contact(name="24/7 duty officer", email="duty@247.example.org",
                                          available_24_7=True),
        ),
        legal_bases=[
            LegalBasis(basis="budapest-29"),
            LegalBasis(basis="budapest-25-27"),
            LegalBasis(basis="budapest-35"),
        ],
        authorisations=[Authorisation(kind="court_order", issued_by="Investigating judge, Lyon",
                                      date=dt.date(2026, 4, 8), reference="JI 26/12", annexed=True)],
        proceedings=Proceedings(stage="investigation", subject="Investigation into organised fraud by a false e-mail.",
                                conducting_authority="Public Prosecutor, Lyon"),
        facts=Facts(
            summary="On 3 March 2026 a company paid EUR 50,000 after a false change-of-bank-details e-mail.",
            connection="The mailbox and chat account are run by providers established in the United Kingdom.",
            period=MARCH,
            open_sources_checked=True,
            open_sources="Search engines and public registration data showed nothing.",
        ),
        offences=[Offence(name="Organised fraud", provision="Criminal Code, art. 313-2",
                          max_penalty="10 years' imprisonment",
                          dual_criminality="Deceiving a company into paying money by a false e-mail.")],
        persons=[Person(role="suspect", name="Unknown user of the mailbox", location="unknown")],
        purpose="To identify who controls the mailbox and to produce the messages at trial.",
        urgency=Urgency(level="emergency", reasons="A person is at risk and logs are kept for 90 days."),
        confidentiality=Confidentiality(requested=True, no_notification=True,
                                        reasons="Notifying the account holder would alert the suspects."),
        safeguards=Safeguards(proportionality="Narrow ranges tied to the dates of the fraud.",
                              data_protection="Used only for these proceedings; deleted at their end."),
        delivery=Delivery(certificate_of_authenticity=True, hash_algorithm="SHA-256"),
        signature=Signature(name="A. Roussel", title="Deputy Public Prosecutor", place="Lyon",
                            date=dt.date(2026, 4, 10)),
        requests=[
            PreservationRequest(
                id="R1", channel="24_7", legal_bases=["budapest-29", "budapest-35"],
                addressee="UK 24/7 point of contact", provider=mail_provider(),
                items=[DataItem(identifier=mailbox(), categories=["identity", "connection_logs", "mailbox"],
                                date_range=MARCH, nexus="The mailbox sent the false e-mail.")],
                necessity="The account holder can delete the mailbox at any time.",
                mla_to_follow=True, period_days=90,
            ),
            SubscriberRequest(id="R2", legal_bases=["budapest-25-27"], addressee="UK Central Authority",
                              provider=mail_provider(),
                              items=[ip_item()]),
            TrafficRequest(
                id="R3", legal_bases=["budapest-25-27"], addressee="UK Central Authority", provider=chat_provider(),
                items=[DataItem(identifier=Account(service="ExampleChat", username="supplier_pay",
                                                   user_id="100200300", source="Victim's chat history"),
                                categories=["ip_history", "connection_logs"], date_range=MARCH,
                                nexus="The account chatted with the victim to confirm the false details.")],
            ),
            ContentRequest(
                id="R4", legal_bases=["budapest-25-27"], addressee="UK Central Authority", provider=mail_provider(),
                items=[DataItem(identifier=mailbox(), categories=["mailbox"], date_range=MARCH,
                                nexus="The mailbox holds the false e-mail and any others sent.")],
                least_intrusive="The messages themselves are the evidence of the deception.",
            ),
            EmergencyRequest(
                id="R5", channel="24_7", legal_bases=["budapest-35"], addressee="UK 24/7 point of contact",
                provider=chat_provider(),
                items=[DataItem(identifier=PhoneNumber(number="+447700900123", source="Message to the victim"),
                                categories=["location_data"], date_range=MARCH,
                                nexus="The phone linked to the account that threatened the victim.")],
                harm="serious_injury",
                threat="The suspect announced he would harm the victim's accountant tonight.",
                why_urgent="A mutual assistance request takes months; the threat is for tonight.",
                authenticity=Authenticity(official_email_domain="police.example.org", reference_number="URG-26-7",
                                          callback="Call the Lyon police switchboard listed on its public site.",
                                          sent_from="a.martin@police.example.org"),
                follow_up_planned=True, admissibility_acknowledged=True,
            ),
        ],
    )
