"""clausekit_parties: parties, aliases, jurisdiction, agreement date and title (hand-checked)."""
from __future__ import annotations

import pytest

from tests.conftest import SEED


def parties(nlp, text):
    return [(p["name"], p["aliases"], p["jurisdiction"]) for p in nlp(text)._.clausekit_parties]


def test_by_and_between_with_descriptive_tails(nlp):
    text = ('This Supply Agreement (the "Agreement") is entered into as of February 28, 2019 by and between '
            'Florida Chemical Company, LLC, a Delaware limited liability company ("FCC") and Flotek Chemistry, LLC, '
            'an Oklahoma limited liability company, with offices at 10 Main Street, Houston, Texas ("Flotek"). '
            'WHEREAS, the parties desire to set forth terms.')
    doc = nlp(text)
    assert parties(nlp, text) == [("Florida Chemical Company, LLC", ["FCC"], "Delaware"),
                                  ("Flotek Chemistry, LLC", ["Flotek"], "Oklahoma")]
    assert doc._.clausekit_agreement_date == "2019-02-28"
    assert doc._.clausekit_title == "Supply Agreement"


def test_numbered_parties_and_laws_of(nlp):
    text = ("THIS SHARE REPURCHASE AGREEMENT (this \u201cAgreement\u201d) is made and entered into as of March 23, 2021 "
            "(the \u201cEffective Date\u201d) by and between:\n\n"
            "(1) 21Vianet Group, Inc., a company organized under the laws of the Cayman Islands (the \u201cCompany\u201d), and\n"
            "(2) Tuspark Innovation Venture Limited, a company organized under the laws of the British Virgin Islands "
            "(\u201cTuspark\u201d).\n\nWHEREAS, Tuspark is a shareholder.")
    assert parties(nlp, text) == [("21Vianet Group, Inc.", ["Company"], "Cayman Islands"),
                                  ("Tuspark Innovation Venture Limited", ["Tuspark"], "British Virgin Islands")]
    assert nlp(text)._.clausekit_agreement_date == "2021-03-23"


def test_collective_aliases_and_persons(nlp):
    text = ('THIS STOCK PURCHASE AGREEMENT (this "Agreement"), dated as of October 22, 2020, is made by and among '
            'Alpha Labs Corp., a New York corporation (the "Company"), Pride LLC (the "Selling Company"), '
            'Nelson Herrera, Arvind Gurnani and Michael Messina (together with the Selling Company, each a '
            '"Seller Party" and collectively, the "Seller Parties"), and Beta, Inc., a Delaware corporation ("Buyer"). '
            'RECITALS')
    got = {n: a for n, a, _ in parties(nlp, text)}
    assert got == {"Alpha Labs Corp.": ["Company"],
                   "Pride LLC": ["Selling Company", "Seller Party", "Seller Parties"],
                   "Nelson Herrera": ["Seller Party", "Seller Parties"],
                   "Arvind Gurnani": ["Seller Party", "Seller Parties"],
                   "Michael Messina": ["Seller Party", "Seller Parties"],
                   "Beta, Inc.": ["Buyer"]}


def test_third_parties_in_recitals_are_not_parties(nlp):
    text = ('This Registration Rights Agreement (this "Agreement") is made as of this 5th day of March 2020 by and '
            'among Cadiz Inc., a Delaware corporation (the "Company"), and Omega Fund, Ltd. ("Holder").\n\n'
            'RECITALS:\n\nWHEREAS, the Company is party to that certain Indenture, dated as of December 10, 2015 '
            '(the "Indenture"), between the Company, as issuer, and U.S. Bank National Association, as trustee '
            '(the "Trustee").')
    names = [n for n, _, _ in parties(nlp, text)]
    assert names == ["Cadiz Inc.", "Omega Fund, Ltd."]
    assert nlp(text)._.clausekit_agreement_date == "2020-03-05"


def test_party_alias_is_not_a_party_and_group_alias_is_not_an_alias(nlp):
    text = ('This Event Sponsorship Agreement ("Agreement") is made as of February 1, 2019, by and between '
            'Newegg Inc. ("Newegg"), a Delaware corporation, and Allied Esports International, Inc., a Nevada '
            'corporation ("Allied"). Newegg and Allied are hereinafter referred to jointly as the "Parties". '
            'BACKGROUND')
    assert parties(nlp, text) == [("Newegg Inc.", ["Newegg"], "Delaware"),
                                  ("Allied Esports International, Inc.", ["Allied"], "Nevada")]


@pytest.mark.parametrize("text, expected", [
    (('This Agreement is made as of this ____ day of March, 2018 by and between Acme Inc. ("Acme") and '
     'Beta LLC ("Beta"). WHEREAS'), None),  # blank day: no date
    (('THIS AGREEMENT made this 30th day of April (the "Effective Date") between Acme Inc. (the "Company") and '
     'John Smith (the "Consultant") A.'), None),  # no year
    (('This Agreement is made this first (1st) day of January, 1996, by and between Acme Inc. ("Acme") and '
     'Beta LLC ("Beta").'), "1996-01-01"),
    (('This Agreement may be amended. This Agreement is entered into on May 3, 2010 by and between Acme Inc. '
     '("Acme") and Beta LLC ("Beta").'), "2010-05-03"),  # "may" is a modal verb, May 3, 2010 the date
])
def test_agreement_date_rules(nlp, text, expected):
    assert nlp(text)._.clausekit_agreement_date == expected


def test_another_instruments_date_is_not_the_agreement_date(nlp):
    text = ('ENDORSEMENT AGREEMENT\n\nWHEREAS, Movado Group, Inc. (the "Company") and the Trustees of the Grinberg '
            'Family Trust (the "Trust") entered into a Split Dollar Agreement, dated as of December 5, 1995 (the '
            '"Split Dollar Agreement"); and\n\nNOW, THEREFORE, the parties agree.\n\nIN WITNESS WHEREOF, the parties '
            'hereto have executed this Agreement as of this 4th day of April, 2003.')
    doc = nlp(text)
    assert doc._.clausekit_agreement_date == "2003-04-04"
    assert [(p["name"], p["aliases"]) for p in doc._.clausekit_parties] == [
        ("Movado Group, Inc.", ["Company"]), ("the Trustees of the Grinberg Family Trust", ["Trust"])]


def test_signature_block_names_a_party_the_preamble_leaves_nameless(nlp):
    text = ('This Registration Rights Agreement (this "Agreement") is made as of March 5, 2020 by and among Cadiz '
            'Inc., a Delaware corporation (the "Company"), and each holder of Registrable Securities reflected on '
            'the signature page hereto ("Holders").\n\nRECITALS:\n\nText.\n\nIN WITNESS WHEREOF, the parties have '
            'executed this Agreement.\n\nCADIZ INC.  By: Name: Tim Shaheen\n\nHOLDERS:\n\n'
            'LC CAPITAL MASTER FUND, LTD.\n\nBy:   Name:  Steven G. Lampe')
    got = [(p["name"], p["aliases"]) for p in nlp(text)._.clausekit_parties]
    assert got == [("Cadiz Inc.", ["Company"]), ("LC CAPITAL MASTER FUND, LTD.", ["Holders"])]


def test_seed_parties_date_and_title(nlp):
    """Seed gold: four parties with aliases; the file holds agreements of different dates (SRA
    March 23, 2021; joint filing agreement May 14, 2021), so no single agreement date."""
    doc = nlp(SEED.read_text(encoding="utf-8"))
    got = {p["name"]: (p["aliases"], p["jurisdiction"]) for p in doc._.clausekit_parties}
    assert got == {
        "21Vianet Group, Inc.": (["Company"], "Cayman Islands"),
        "Tuspark Innovation Venture Limited": (["Tuspark"], "British Virgin Islands"),
        "Tus-Holdings Co., Ltd.": (["Tus-Holdings"], "People's Republic of China"),
        "Beacon Capital Group Inc.": (["BCG"], None),
    }
    assert doc._.clausekit_agreement_date is None
    assert doc._.clausekit_title == "SHARE REPURCHASE AGREEMENT"
    assert {s.text for s in doc.spans["clausekit_parties"]} >= {"21Vianet Group, Inc."}


def test_joint_filing_agreement_lists_every_signing_entity(nlp):
    text = ("JOINT FILING AGREEMENT\n\nThe undersigned hereby agree that the Schedule 13G is filed on behalf of each "
            "of them.\n\nDated: 4/8/2020\n\nYA II PN, Ltd.\n\nBy: /s/ Troy J. Rillo\n\n"
            "Yorkville Advisors Global, LP\n\nBy: Yorkville Advisors Global II, LLC, its general partner\n\n"
            "By: /s/ Troy J. Rillo\n\nYorkville Advisors Global II, LLC\n\nBy: /s/ Troy J. Rillo\n")
    doc = nlp(text)
    assert [p["name"] for p in doc._.clausekit_parties] == [
        "YA II PN, Ltd.", "Yorkville Advisors Global, LP", "Yorkville Advisors Global II, LLC"]
    assert doc._.clausekit_agreement_date == "2020-04-08"  # US order: April 8


def test_an_amendment_names_the_parties_of_the_agreement_it_amends(nlp):
    text = ('AMENDMENT NO. 2\n\nDated as of March 27, 2006\n\nReference is hereby made to that certain Wireless '
            'Content License Agreement dated as of December 16, 2004 ("Agreement"), between Fox Mobile '
            'Entertainment, Inc. ("Fox") and Glu Mobile, Inc. ("Licensee").\n\nThe parties agree as follows.')
    doc = nlp(text)
    assert [(p["name"], p["aliases"]) for p in doc._.clausekit_parties] == [
        ("Fox Mobile Entertainment, Inc.", ["Fox"]), ("Glu Mobile, Inc.", ["Licensee"])]
    assert doc._.clausekit_agreement_date == "2006-03-27"  # the amendment's date, not the original's


def test_address_fragments_are_not_parties(nlp):
    text = ('This Site Development Agreement (the "Agreement") dated as of August 9, 1999 is made between Hanover '
            'Direct, Inc. ("HDI"), a New Jersey Corporation, located at 1500 Harbor Boulevard, Weehawken, NJ 07087, '
            'and The Deerskin Companies, Inc. (the "Company"), a Nevada corporation, located at 2500 Arrowhead Drive, '
            'Carson City, NV 89706. In consideration of the mutual promises, the parties agree as follows.')
    assert parties(nlp, text) == [("Hanover Direct, Inc.", ["HDI"], "New Jersey"),
                                  ("The Deerskin Companies, Inc.", ["Company"], "Nevada")]


def test_a_person_signing_for_a_company_is_not_the_party(nlp):
    text = ('This Hosting Agreement the ("Agreement") is entered into on January 11, 2018 by and between Natalija '
            'Tunevic, director of FreeCook (hereinafter referred to as "Client") and Mitchell Vitalis, director of '
            'Mitchells Web Advance, PLC (hereinafter referred to as "Company"). 1. Website Design.')
    assert [(n, a) for n, a, _ in parties(nlp, text)] == [
        ("FreeCook", ["Client"]), ("Mitchells Web Advance, PLC", ["Company"])]


@pytest.mark.parametrize("text, expected", [
    # a date right under the title line
    (("AGENCY AGREEMENT\n\nMay 25, 2016\n\nCompass Point LLC\n\nLadies and Gentlemen: Acme Inc., a Maryland "
     'corporation (the "Company"), agrees with you.'), "2016-05-25"),
    # blanks in brackets: the date is not filled in
    (('This LICENSE AGREEMENT (this "Agreement") is made and effective as of [ ] day of [ ], 2020 ("Effective '
     'Date"), by and between Palmer LLC (the "Licensor"), and Square Inc. (the "Licensee"). RECITALS'), None),
    # no date in the opening: the "Effective Date" definition states it
    (('This Supply Agreement (this "Agreement") is entered into as of the Effective Date (as defined below) by and '
     'between Apollo Inc. ("APOLLO") and Labs, S.A. ("LABS").\n\n1.5"Effective Date" shall mean December 5, 2014.'),
     "2014-12-05"),
])
def test_more_agreement_date_rules(nlp, text, expected):
    assert nlp(text)._.clausekit_agreement_date == expected


def test_alias_defined_by_reference_to_the_preamble(nlp):
    text = ('This Registration Rights Agreement (this "Agreement") is made as of March 5, 2020 by and among Cadiz Inc. '
            '(the "Company"), and Omega Fund, Ltd. ("Holders").\n\nRECITALS\n\n1. Definitions.\n\n'
            '(s) "Holder" has the meaning specified in the Preamble hereof.')
    got = {p["name"]: p["aliases"] for p in nlp(text)._.clausekit_parties}
    assert got["Omega Fund, Ltd."] == ["Holders", "Holder"]


def test_unquoted_hereinafter_alias(nlp):
    text = ("This Agreement is entered into and is effective as of the 1st day of October, 2008 (Commencement Date) "
            "by and between IntriCon Corporation, a Pennsylvania Corporation having a place of business at 1260 Red "
            "Fox Road, Arden Hills, Minnesota 55112 USA (hereinafter IntriCon) and Dynamic Hearing Pty Ltd a "
            "Corporation organized under the laws of Victoria, Australia (hereinafter Dynamic Hearing) agree to "
            "collaborate.")
    doc = nlp(text)
    assert parties(nlp, text) == [("IntriCon Corporation", ["IntriCon"], "Pennsylvania"),
                                  ("Dynamic Hearing Pty Ltd", ["Dynamic Hearing"], "Victoria")]
    assert doc._.clausekit_agreement_date == "2008-10-01"


def test_a_term_defined_later_in_the_preamble_sentence_is_not_an_alias(nlp):
    text = ('1. Hosting Agreement. This Agreement is entered into by eGain Communications Corporation ("eGain") and '
            'Eliance Corporation ("Customer") for the purpose of providing Customer with Web-based access to '
            'eGain\'s software specified in Exhibit A ("Software"), and certain services ("Services").')
    assert [(n, a) for n, a, _ in parties(nlp, text)] == [("eGain Communications Corporation", ["eGain"]),
                                                         ("Eliance Corporation", ["Customer"])]
