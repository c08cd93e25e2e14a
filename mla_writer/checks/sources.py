"""The public documents rules cite, by the short name a reference uses, with what a reader needs
to find each one. A rule's reference is one or more of these, separated by ';', each followed by
the article or paragraph relied on: "UNTOC art. 18(15)(e)", "A/74/130 ¶198"."""

from __future__ import annotations

SOURCES: dict[str, str] = {
    "UNTOC": "United Nations Convention against Transnational Organized Crime (2000)",
    "Budapest": "Council of Europe Convention on Cybercrime (ETS No. 185, Budapest, 2001)",
    "Second Additional Protocol": "Second Additional Protocol to the Convention on Cybercrime on enhanced "
                                  "co-operation and disclosure of electronic evidence (CETS No. 224, 2022)",
    "UN Convention against Cybercrime": "United Nations Convention against Cybercrime; Strengthening International "
                                        "Cooperation for Combating Certain Crimes Committed by Means of Information "
                                        "and Communications Technology Systems and for the Sharing of Evidence in "
                                        "Electronic Form of Serious Crimes (General Assembly resolution 79/243, "
                                        "24 December 2024)",
    "Vienna Convention on the Law of Treaties": "Vienna Convention on the Law of Treaties (Vienna, 23 May 1969; "
                                                "United Nations, Treaty Series, vol. 1155, p. 331)",
    "A/74/130": "Countering the use of information and communications technologies for criminal purposes, "
                "report of the Secretary-General (United Nations General Assembly, A/74/130, 30 July 2019)",
    "CTOC/COP/WG.3/2015/2": "Collection and sharing of electronic evidence, background paper prepared by the "
                            "Secretariat (Working Group on International Cooperation of the Conference of the "
                            "Parties to UNTOC, CTOC/COP/WG.3/2015/2, 18 August 2015)",
    "CCPCJ 27th session discussion guide (2018)": "Discussion guide for the thematic discussion on criminal "
                                                  "justice responses to prevent and counter cybercrime in all "
                                                  "its forms, note by the Secretariat (Commission on Crime "
                                                  "Prevention and Criminal Justice, 27th session, Vienna, 2018)",
    "Fourteenth UN Congress (Kyoto, 2021), workshop 4 report": "Report of Committee II: workshop 4, addendum "
                                                               "(Fourteenth United Nations Congress on Crime "
                                                               "Prevention and Criminal Justice, Kyoto, 11 March "
                                                               "2021)",
    "good practice": "practice of central authorities and providers, with no treaty or UN document behind it; "
                     "the reference says which",
}


def source_of(part: str) -> str | None:
    """The short name a part of a reference starts with, or None if it cites nothing known."""
    return next((name for name in sorted(SOURCES, key=len, reverse=True) if part.startswith(name)), None)
