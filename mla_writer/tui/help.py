"""Help shown beside each field: what to write, why, and an example.

Keys are case paths without list positions (``requests.items.nexus``). The guidance comes from
the practical tips for requesting electronic evidence abroad (CTOC/COP/WG.3/2015/2 ¶57), the
contents UNTOC art. 18(15) and Budapest art. 29(2) require, and the central authority's checklist
of the review sheet; examples use invented names and documentation addresses only.
"""

from __future__ import annotations

from .i18n import N_, _
from .steps import LANGUAGE_NAMES

HELP: dict[str, str] = {
    # case & authorities
    "reference": N_("Your own file number, so replies can be matched to the case. Example: LYON-CYB-2026-0147."),
    "title": N_("A few words that name the case for you. Example: Invoice fraud at Example SA."),
    "date": N_("The date the request is signed, as YYYY-MM-DD. Example: 2026-03-20."),
    "status": N_("Draft while you write; Reviewed once someone has checked it; Final when it is ready to "
                 "sign and send."),
    "classification": N_("The marking your service puts on the document. Example: CONFIDENTIAL."),
    "drafting_language": N_("The language you type the facts in. Translations can be added to the case file."),
    "languages": N_("The document is written in one language, or two side by side. Choose one the "
                    "requested State accepts (UNTOC art. 18(14))."),
    "requesting.state": N_("The State that asks for the evidence. Press Enter, then type the first letters: Fr… for France."),
    "requesting.authority.name": N_("The authority that issues the request, in full. Example: Public "
                                    "Prosecutor's Office, Lyon Judicial Court."),
    "requesting.authority.kind": N_("Police, prosecutor, investigating judge or court: the requested State "
                                    "checks that the issuing authority is competent."),
    "requesting.authority.competence": N_("The domestic law that makes this authority competent. Example: "
                                          "Code of Criminal Procedure, art. 41."),
    "requesting.authority.address": N_("Postal address for the formal reply."),
    "requesting.authority.email": N_("An institutional address. Example: cyber.unit@justice.example.org."),
    "requesting.authority.phone": N_("International format. Example: +33 4 72 00 00 01."),
    "requesting.case_officer.name": N_("The person the requested State or provider can call with questions."),
    "requesting.case_officer.role": N_("Example: Investigator, cybercrime unit."),
    "requesting.case_officer.organisation": N_("The service the officer belongs to, if the authority does not say it."),
    "requesting.central_authority.name": N_("Your own State's central authority, if the request goes through it."),
    "contacts": N_("Anyone else the requested State may call about the request, e.g. a liaison magistrate."),
    "contacts.name": N_("Name of the person or unit."),
    "contacts.role": N_("Example: Liaison magistrate."),
    "contacts.organisation": N_("Example: Embassy of France, Rabat."),
    "contacts.phone": N_("International format. Example: +33 4 72 00 00 01."),
    "contacts.email": N_("Example: officer@police.example.org."),
    "requesting.case_officer.phone": N_("A number answered out of hours if the request is urgent. Example: +33 6 12 34 56 78."),
    "requesting.case_officer.email": N_("Example: officer@police.example.org."),
    "requesting.case_officer.available_24_7": N_("Tick if the officer can be reached day and night: "
                                                 "urgent requests need a 24/7 contact."),
    "requesting.technical_review_done": N_("Consult your cybercrime unit on identifiers, data types and "
                                           "feasibility before sending (Tbilisi tip 4)."),
    "signature.name": N_("Who signs the request. Example: Anne Example."),
    "signature.title": N_("Example: Deputy Public Prosecutor."),
    "signature.place": N_("Example: Lyon."),
    # requested State
    "requested.state": N_("The State whose authorities or providers hold the data. Press Enter, then type: Ir… for Ireland."),
    "requested.authority.name": N_("Its central authority for MLA, or its 24/7 point for preservation. "
                                   "Check the authority's own directory entry."),
    "requested.authority.kind": N_("Usually the central authority; for preservation, often the police 24/7 point."),
    "requested.authority.email": N_("Where the request is sent, if sent electronically."),
    "requested.point_of_contact_24_7.name": N_("The requested State's 24/7 point (Budapest art. 35): it "
                                               "can preserve data within hours."),
    "requested.point_of_contact_24_7.email": N_("Example: 24-7.contact@police.example.net."),
    "requested.point_of_contact_24_7.phone": N_("International format."),
    # legal basis
    "legal_bases": N_("The treaty articles or other basis the request rests on. Both States must be "
                      "parties to a treaty you cite; with no treaty, offer reciprocity."),
    "legal_bases.basis": N_("Pick the instrument. Preservation: Budapest art. 29. Stored data: Budapest "
                            "art. 31 or UNTOC art. 18. No treaty: reciprocity."),
    "legal_bases.name": N_("Only for a bilateral or regional treaty: its full title and date."),
    "legal_bases.articles": N_("The articles as you cite them. Example: Article 29."),
    "authorisations": N_("The court order or warrant your law requires for this data. Annex it: many "
                         "States will not act on content requests without one."),
    "authorisations.kind": N_("Court order, warrant or prosecutor's order."),
    "authorisations.issued_by": N_("Example: Investigating judge, Lyon Judicial Court."),
    "authorisations.date": N_("YYYY-MM-DD. Example: 2026-03-18."),
    "authorisations.reference": N_("The order's own number."),
    "authorisations.annexed": N_("Tick when a copy is attached to the request."),
    # offences
    "offences": N_("Each offence under investigation, with its provision and maximum penalty: some "
                   "measures are only for serious offences."),
    "offences.name": N_("The offence as your law names it. Example: Fraud by false representation."),
    "offences.provision": N_("The article creating the offence. Example: Criminal Code, art. 313-1."),
    "offences.max_penalty": N_("Example: 5 years' imprisonment and a fine of EUR 375,000."),
    "offences.provision_text": N_("Quote the provision, or annex it. Ctrl+O loads the text from a UTF-8 file."),
    "offences.dual_criminality": N_("Describe the conduct, not the label, so the requested State can see it "
                                    "is a crime there too. Example: deceiving a company by a false e-mail "
                                    "into paying money to the offenders."),
    # facts
    "proceedings.stage": N_("Investigation, prosecution or trial: the requested State needs to know."),
    "proceedings.conducting_authority": N_("Who conducts the proceedings. Example: Public Prosecutor, Lyon."),
    "proceedings.subject": N_("The subject and nature of the proceedings (UNTOC art. 18(15)(b)). Example: "
                              "investigation into organised fraud by a compromised e-mail account."),
    "facts.summary": N_("What happened, when, where, to whom and the harm, in plain words. Enough for a "
                        "stranger to follow: unclear requests come back with questions. Ctrl+O loads a file."),
    "facts.connection": N_("Why the evidence is in the requested State. Example: ExampleMail Ltd., which "
                           "runs the mailbox, is established in Dublin."),
    "facts.open_sources_checked": N_("Try open sources first (Tbilisi tip 1): registration data, search "
                                     "engines, public profiles."),
    "facts.open_sources": N_("What you checked and what it showed, even if nothing."),
    "purpose": N_("How the evidence will be used. Example: to identify who controls the mailbox and to "
                  "produce the messages at trial."),
    # persons
    "persons": N_("Suspects, victims and account holders, with what is known about them (UNTOC art. 18(15)(e))."),
    "persons.role": N_("Suspect, victim, witness or account holder."),
    "persons.name": N_("Name, or 'unknown user of' the identifier. Example: Unknown user of x@example.net."),
    "persons.description": N_("Who the person is when the name does not say it, printed after the name. "
                              "Example: unknown user of the account x@example.net."),
    "persons.date_of_birth": N_("YYYY-MM-DD, if known."),
    "persons.nationality": N_("Press Enter, then type the first letters of the country."),
    "persons.location": N_("Where the person is believed to be. Example: Villeurbanne, France."),
    "persons.identity_verified": N_("Leave unticked when the identity only comes from an online profile: "
                                    "it may be fake."),
    # requests
    "requests": N_("One entry per request. Preserve first: preservation is fast and stops deletion; "
                   "disclosure follows."),
    "requests.kind": N_("Preservation freezes data; subscriber, traffic and content ask for disclosure; "
                        "emergency is for imminent risk to life."),
    "requests.id": N_("A short label used in the document. Example: R1."),
    "requests.channel": N_("Formal MLA gives admissible evidence. The 24/7 network and direct requests are "
                           "faster but need a formal follow-up."),
    "requests.legal_bases": N_("Tick the legal bases of the case this request rests on; tick none to rely on all "
                               "of them. A request to a provider does not rest on a treaty between States."),
    "requests.addressee": N_("Who receives this request. Example: Garda National Cyber Crime Bureau, 24/7 point."),
    "requests.provider.name": N_("The provider's trade name. Example: ExampleMail."),
    "requests.provider.legal_entity": N_("The company that controls the data. Example: ExampleMail Ltd."),
    "requests.provider.establishment": N_("Where that company is established: this decides which State to ask."),
    "requests.provider.local_presence": N_("A local subsidiary or representative may answer directly (Tbilisi tip 1)."),
    "requests.provider.data_location": N_("Where the data is believed to be, or 'unknown'."),
    "requests.necessity": N_("Why the data may be lost without preservation. Example: webmail logs are kept "
                             "for a short time and the holder can delete the mailbox."),
    "requests.status": N_("A new preservation, or an extension of one already in place: an extension "
                          "names the earlier request (under More)."),
    "requests.period_days": N_("Budapest art. 29(7): at least 60 days. Example: 90."),
    "requests.mla_to_follow": N_("Art. 29 asks you to say that a request for the data will follow."),
    "requests.partial_disclosure": N_("Ask for enough traffic data to find other providers in the chain (art. 30)."),
    "requests.real_time": N_("Real-time collection is a different, more intrusive measure: tick only if you ask for it."),
    "requests.least_intrusive": N_("Why subscriber or traffic data would not be enough. Content is the most "
                                   "intrusive category and needs this reasoning."),
    "requests.harm": N_("The harm an emergency request is meant to prevent."),
    "requests.threat": N_("Who is at risk, of what, and how soon. Example: a 14-year-old announced suicide "
                          "for tonight on ExampleChat."),
    "requests.authenticity.official_email_domain": N_("The domain of your official e-mail, so the provider can tell a genuine request from a forged one. Example: police.example.gov."),
    "requests.authenticity.sent_from": N_("The address you send from; it should be on the official domain."),
    "requests.authenticity.reference_number": N_("A reference the provider can quote when it calls back."),
    "requests.authenticity.callback": N_("How to call back through an independently listed number, e.g. the switchboard of your service."),
    "requests.why_urgent": N_("Why the normal process cannot wait."),
    "requests.procedures": N_("How the evidence should be gathered so it is usable in court. Example: "
                              "certificate of authenticity and native files."),
    "requests.respond_by": N_("YYYY-MM-DD, with the reason in the urgency step."),
    "requests.follow_up_planned": N_("For informal channels: a formal request will follow to make the "
                                     "evidence admissible."),
    "requests.items": N_("Each identifier, the data wanted about it, for when, and why it matters."),
    "requests.items.identifier.type": N_("What kind of identifier: IP address, e-mail, phone, account..."),
    "requests.items.identifier.address": N_("Example: 203.0.113.7, 2001:db8::1 or name@example.com."),
    "requests.items.identifier.timestamp": N_("Local date and time the address was seen, as "
                                              "YYYY-MM-DDTHH:MM:SS. Example: 2026-03-03T08:14:52. "
                                              "Addresses are reassigned: without the time they mean nothing."),
    "requests.items.identifier.timezone": N_("The zone of that time. Type and press → to complete. "
                                             "Example: Europe/Dublin or UTC."),
    "requests.items.identifier.port": N_("The source port from the log: behind carrier-grade NAT many "
                                         "users share one address. Example: 52144."),
    "requests.items.identifier.service": N_("The platform or mail service. Example: ExampleChat."),
    "requests.items.identifier.number": N_("International format. Example: +33 6 12 34 56 78."),
    "requests.items.identifier.region": N_("Only for a number written without its country code."),
    "requests.items.identifier.url": N_("The full address. Example: https://www.example.com/page."),
    "requests.items.identifier.name": N_("Example: helvetic-sand.example.net."),
    "requests.items.identifier.username": N_("As shown on the platform. Example: @example_user."),
    "requests.items.identifier.user_id": N_("The platform's numeric ID, if known: it survives a change of name."),
    "requests.items.identifier.profile_url": N_("Example: https://social.example.com/example_user."),
    "requests.items.identifier.imei": N_("15 digits, with the check digit. Example: 490154203237518."),
    "requests.items.identifier.currency": N_("Ticker. Example: BTC."),
    "requests.items.identifier.exchange": N_("The exchange or custodian holding the wallet, if known."),
    "requests.items.identifier.manufacturer": N_("Example: ExamplePhone."),
    "requests.items.identifier.model": N_("Example: X200."),
    "requests.items.identifier.serial": N_("As printed on the device or its box."),
    "requests.items.identifier.source": N_("How you obtained it. Example: header of the fraudulent e-mail."),
    "requests.items.categories": N_("Tick only what you need (space to tick). Subscriber data is least "
                                    "intrusive, content most: differentiate them."),
    "requests.items.date_range.start": N_("First day wanted, YYYY-MM-DD. Keep the range narrow and proportionate."),
    "requests.items.date_range.end": N_("Last day wanted, YYYY-MM-DD."),
    "requests.items.date_range.timezone": N_("The zone the dates are in. Example: Europe/Dublin."),
    "requests.items.nexus": N_("Why this identifier and data are linked to the offence and what they should "
                               "show. Example: the mailbox sent the false bank details."),
    # urgency & confidentiality
    "urgency.level": N_("Urgent when data is about to be deleted or a suspect is in custody; emergency "
                        "only for risk to life or safety."),
    "urgency.reasons": N_("Why it cannot wait. Example: connection logs are kept for 90 days."),
    "urgency.respond_by": N_("The date you need an answer by, YYYY-MM-DD."),
    "urgency.data_at_risk_from": N_("When the data may be deleted, if known. YYYY-MM-DD."),
    "confidentiality.requested": N_("Ask the requested State and provider to keep the request confidential."),
    "confidentiality.no_notification": N_("Providers may tell their user; ask them not to if that would "
                                          "alert a suspect."),
    "confidentiality.reasons": N_("Example: notifying the holder would lead to evidence being destroyed."),
    "confidentiality.until": N_("Example: the end of the investigation or 12 months."),
    "safeguards.proportionality": N_("Why the measure is necessary and no broader than needed."),
    "safeguards.data_protection": N_("Purpose limitation, retention and deletion. Example: used only for "
                                     "these proceedings and deleted when they end."),
    "safeguards.use_limitation": N_("The data will be used only for the proceedings described."),
    "delivery.hash_algorithm": N_("So the integrity of delivered files can be checked. Example: SHA-256."),
    # added with the fields the checks look at
    "requested.point_of_contact_24_7.available_24_7": N_("Tick when this contact answers day and night."),
    "legal_bases.citation": N_("Leave blank to quote the reference wording of the article. Fill it when "
                               "you rely on a bilateral or regional treaty: quote it exactly."),
    "annexes": N_("Documents attached to the request: the court order, the text of the offence provisions, "
                  "the preservation confirmation, the identifier table."),
    "annexes.title": N_("Example: Order of the investigating judge of 18 March 2026."),
    "annexes.description": N_("What the annex shows, in one line."),
    "facts.period.start": N_("When the conduct began, as far as known, YYYY-MM-DD. Date ranges of the data "
                             "asked for are compared with this period."),
    "facts.period.end": N_("When it ended (or today), YYYY-MM-DD."),
    "facts.period.timezone": N_("The zone of those dates. Example: Europe/Paris."),
    "requests.copy_to": N_("When you write directly to a provider, copy the requested State's authorities "
                           "(Tbilisi tip 3). Example: Central Authority of Ireland; Garda 24/7 point."),
    "requests.provider.services": N_("What the suspect used. Example: webmail; cloud storage."),
    "requests.provider.le_contact": N_("The provider's portal or address for law-enforcement requests, if known."),
    "requests.provider.retention_note": N_("How long the provider keeps this data, with the source. "
                                           "Example: 90 days (provider's guide, 2025)."),
    "requests.admissibility_acknowledged": N_("Data obtained informally is often not admissible: treat it as "
                                              "intelligence until a formal request obtains it again."),
    "requests.respond_by_reason": N_("Example: the provider deletes connection logs after 90 days."),
    "requests.sent_on": N_("The date the request went out, YYYY-MM-DD: preservation expiry is counted from it."),
    "requests.reference": N_("The number the provider or requested State gave on receipt or confirmation: "
                             "their replies quote it."),
    "requests.expires_on": N_("The expiry date they confirmed. Ask for disclosure, or an extension, before it."),
    "requests.confirmed_on": N_("The day they confirmed the data is preserved, YYYY-MM-DD."),
    "requests.extensions": N_("Each extension of the preservation: when it was asked for, when it was "
                              "confirmed, and the new expiry date."),
    "requests.extensions.extended_to": N_("The new expiry date they confirmed, YYYY-MM-DD: later than the last one."),
    "requests.follow_up.filed_on": N_("The day the formal mutual assistance request for the preserved data was sent."),
    "requests.history": N_("What else happened to the request, with its date: acknowledged, clarification "
                           "asked and answered, executed, refused. Nothing is recorded before it happened."),
    "requests.extensions.requested_on": N_("The day you asked for the extension, YYYY-MM-DD."),
    "requests.extensions.confirmed_on": N_("The day they confirmed the extension, YYYY-MM-DD."),
    "requests.extensions.reference": N_("The number they gave the extension, if any."),
    "requests.history.event": N_("What happened. Sending and the preservation's dates have fields of their own above."),
    "requests.history.on": N_("The day it happened, YYYY-MM-DD: not later than the date the case is checked as of."),
    "requests.history.note": N_("Example: they asked for the time zone of the log entries."),
    "requests.preservation_refs": N_("Earlier preservation or 24/7 requests this request builds on: the "
                                     "requested State links them by their reference."),
    "requests.preservation_refs.reference": N_("Their reference number. Example: GNCCB-2026-0311."),
    "requests.preservation_refs.channel": N_("How the earlier request was sent."),
    "requests.preservation_refs.requested_on": N_("YYYY-MM-DD."),
    "requests.preservation_refs.confirmed": N_("Tick when they confirmed the data is preserved."),
    "requests.preservation_refs.expires_on": N_("YYYY-MM-DD: the disclosure request must arrive before this."),
    "delivery.certificate_of_authenticity": N_("A certificate from the provider helps the evidence be admitted "
                                               "without a witness from the provider."),
    "delivery.business_records_declaration": N_("A declaration that the records are kept in the ordinary "
                                                "course of business."),
    "delivery.receiving_unit": N_("Who will handle the data on receipt. Example: the forensic unit."),
}


def generic_key(path: tuple[str | int, ...]) -> str:
    return ".".join(p for p in path if isinstance(p, str))


def help_for(path: tuple[str | int, ...]) -> str:
    if "translations" in path:
        return _("The same text in {language}, for the second column of the document. Leave it "
                 "blank to have it translated later; the review lists what is missing.").format(
            language=_(LANGUAGE_NAMES.get(str(path[-1]), str(path[-1]))))
    text = HELP.get(generic_key(path))
    return _(text) if text else ""
