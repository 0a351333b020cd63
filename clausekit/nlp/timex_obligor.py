"""Who must act on a time provision (``obligor``) and what they must do (``action``).

The actors are the parties (``doc._.clausekit_parties``: every alias and the full name map to
the party's first alias) plus role terms the document defines and then uses as the subject of
duties ("the Plan Administrator shall", "the Seller Party Representative will"). The obligor
of a provision is the actor that is the subject of its clause (or the agent of a passive:
"approved by CUTANEA … prior to"); null when several parties act or none is named.
"""
from __future__ import annotations

import re
from collections import Counter

_MODAL = (r"(?:shall|will|must|agrees?|undertakes?|covenants?|is\s+required|are\s+required|may|hereby|"
          r"has|have|fails?|gives?|provides?|delivers?|pays?|receives?|notif(?:y|ies)|files?|cannot|can|"
          r"(?-i:[a-z]+(?<![ius])s)(?=\s+(?:the|a|an|to|its|all|any|such|that|and)\b))")
_MULTI = re.compile(r"\b(?:each|either|both|all|any|neither)\s+(?:of\s+the\s+)?(?:part(?:y|ies)|Part(?:y|ies))\b"
                    r"|\bthe\s+[Pp]arties\b")
_DEF = re.compile(r"[“\"]\s*(?:\*\*)?(?P<t>[A-Z][\w&.'’\s-]{1,40}?)(?:\*\*)?\s*[,.]?[”\"]")
_NOT_ACTOR = re.compile(r"\b(?:Agreement|Date|Shares?|Stock|Act|Price|Notes?|Time|Closing|Period|Securities|Business|"
                        r"Products?|Territory|Term|Statement|Information|Default|Notice|Fee|Event|Law|Rights?|Plan|"
                        r"Policy|Benefits?|Warrant|Allocation|Returns?|Claim|Forecast|Specifications|Schedule|Transfer|Conversion|"
                        r"Repurchase|Sale|Merger|Registration|Request|Demand|Prospectus|Action|Contest|Majeure|Offering|"
                        r"Transaction|Purchase|Exchange|Issuance|Proposal|Guarantees?|Letters?|Consideration|Units?|Subsidiary|Subsidiaries|ESPP|Options?|Awards?|"
                        r"Certificates?|Representatives|Materials|Documents?|Consent|Approval|Meeting|Filing|Report|"
                        r"Amendment|Board|Committee|Recommendation|Change|Effect|Proceeds|Account|Escrow|Funds?)$")


def _words(name: str) -> str:
    return r"\s+".join(re.escape(w) for w in name.split())


_DUTY = re.compile(r"(?:shall|will|must|agrees|undertakes)\b")
_CAP_SUBJECT = re.compile(r"((?:[A-Z][\w&’'-]*\s+){0,3}[A-Z][\w&’'-]*)\s+$")
_LEADING_DET = re.compile(r"^(?:(?:The|Each|Such|Either|Neither|No|Any|All|If|In|Upon|Unless|Thereafter|Then|And|"
                          r"Or|That|This|Prior|After|Before|Within|On|At|Notwithstanding|Provided|However)\s+)+")
_NOT_NAME = re.compile(r"^(?:It|He|She|They|We|You|I|Section|Article|Schedule|Exhibit|Agreement|Party|Parties|"
                       r"Nothing|Notice|Notices|Payment|DGCL|SEC|IRS|ERISA|GAAP|HSR|NYSE|NASDAQ|FDA|FTC|DOJ|CFIUS|OFAC|EU|US|USA|UK|"
                       r"LLC|NDA|IP|USD|EUR|GMT|EST|PST|CEO|CFO|COO|AAA|ICC|JAMS|UCC|FCPA|IFRS|VAT|TBD)$")


_ENTITY = re.compile(r"\b(?:Inc|Ltd|Limited|LLC|L\.?L\.?C|L\.?P|Corp|Corporation|S\.A|plc|PLC|GmbH|N\.V|B\.V|AG|S\.p\.A|"
                     r"Pty|Pte|AB|SE|Co\.,?\s+Ltd)\b\.?,?[^“\"]{0,200}\(?\s*(?:the\s+|hereinafter\s+)?(?:referred\s+to\s+as\s+)?$")
_ROLE = re.compile(r"(?:\b(?:Agent|Representative|Administrator|Trustee|Holders?|Party|Parties|Buyers?|Sellers?|Purchasers?|"
                   r"Company|Corporation|Parent|Sub|Licensor|Licensee|Supplier|Distributor|Consultant|Employee|Executive|"
                   r"Contractor|Customer|Client|Lender|Borrower|Investors?|Trust|Bank|Manufacturer|Reseller|Partner|Sponsor|"
                   r"Vendor|Landlord|Tenant|Owner|Members?|Shareholders?|Stockholders?|Guarantor|Issuer|Underwriters?|"
                   r"Provider|Operator|Developer|Publisher|Producer|Franchisee|Franchisor|Employer|Servicer|Advisor|"
                   r"Adviser|Manager|Recipient|Discloser|Licensees|Affiliates?|Group|Owner|Assignee|Transferee|"
                   r"Indemnitor|Indemnitee|Obligor|Escrow Agent|Sellers|Stockholder Representative)|^[A-Z]{2,}(?:\s[A-Z]{2,})?)$")


# a name right after a preposition or a subordinator is not the subject of the main clause
_AFTER_PREP = re.compile(r"\b(?:to|of|for|from|with|on|upon|at|against|than|toward|towards)\s+$", re.IGNORECASE)
_AFTER_SUB = re.compile(r"\b(?:until|till|unless|once|whenever|when|after|before)\s+$", re.IGNORECASE)
_RIGHT_HOLDER = re.compile(r"\s*(?:be\s+entitled\s+to\s+receive|not\s+have\s+any\s+rights?|have\s+no\s+rights?)\b",
                           re.IGNORECASE)


class Actors:
    """Compiled once per document."""

    def __init__(self, parties: list[dict], text: str) -> None:
        # an alias reports as written ("Supplier" and "Ferrer" are both Ferrer's), a full name as the party's
        # first alias
        alias_of: dict[str, str] = {}
        for p in parties:
            aliases = [a for a in p.get("aliases") or [] if a]
            for a in aliases:
                alias_of.setdefault(a.lower(), a)
        for p in parties:
            aliases = [a for a in p.get("aliases") or [] if a]
            label = aliases[0] if aliases else p.get("name")
            if p.get("name") and label:
                alias_of.setdefault(p["name"].lower(), label)
        # parties the text itself introduces ("Ferrer Internacional, S.A. … ("Ferrer")"), and role terms that are
        # the subject of duties again and again ("the Seller Party Representative shall", "the Plan Administrator will")
        introduced = {" ".join(m.group("t").split()) for m in _DEF.finditer(text)
                      if _ENTITY.search(text, max(0, m.start() - 250), m.start())}
        counts: Counter = Counter()
        for h in _DUTY.finditer(text):  # a duty verb first (fast literal scan), then the capitalized words before it
            m = _CAP_SUBJECT.search(text, max(0, h.start() - 80), h.start())
            if m is None:
                continue
            name = _LEADING_DET.sub("", " ".join(m.group(1).split()))
            if name and not _NOT_ACTOR.search(name) and not _NOT_NAME.match(name):
                counts[name] += 1
        for t, n in counts.items():
            if (t in introduced and not _NOT_ACTOR.search(t)) or (n >= 2 and _ROLE.search(t)):
                alias_of.setdefault(t.lower(), t)
        # a singular role reports as its plural when the document has both ("such Holder" -> "Holders")
        for key, label in list(alias_of.items()):
            for plural in (key + "s", key[:-1] + "ies" if key.endswith("y") else None):
                if plural and plural in alias_of:
                    alias_of[key] = alias_of[plural]
        self.alias_of = alias_of
        if alias_of:
            names = "|".join(_words(n) for n in sorted(alias_of, key=len, reverse=True))
            self.subject = re.compile(r"\b(?:the\s+|such\s+)?(?P<who>" + names + r")\b(?!\s+(?-i:[A-Z]))(?:['’]s)?(?:\s*\([^()]{0,40}\))?(?:\s*,[^,]{0,80},)?"
                                      r"\s+(?:(?:also|then|hereby|promptly|shall\s+not|not)\s+)?" + _MODAL + r"\b",
                                      re.IGNORECASE)
            self.agent = re.compile(r"\bby\s+(?:the\s+)?(?P<who>" + names + r")\b(?!\s+(?-i:[A-Z]))[^.;]{0,60}$", re.IGNORECASE)
            # the main clause's passive after the time phrase: "within ten days …, samples shall be submitted by X"
            self.agent_after = re.compile(r"\b(?:shall|will|must)\s+(?:(?:promptly|then|also)\s+)?be\s+(?:[a-z]+\s+){0,2}?"
                                          r"[a-z]+(?:ed|en|wn|nt)\s+by\s+(?:the\s+)?(?P<who>" + names + r")\b(?!\s+(?-i:[A-Z]))",
                                          re.IGNORECASE)
            # two actors joined as one subject: "the Buyer and the Seller Party Representative cannot agree"
            self.pair = re.compile(r"\b(?P<who>" + names + r")(?:['’]s)?\s+(?:and|or|and/or)\s+$", re.IGNORECASE)
        else:
            self.subject = self.agent = self.agent_after = self.pair = None

    def _label(self, who: str) -> str | None:
        return self.alias_of.get(" ".join(who.split()).lower())

    def _subjects(self, text: str, lo: int, hi: int, main_only: bool = False) -> list[re.Match]:
        """Subject matches, without a name that is the object of a preposition ("notices to the Holder shall …")
        and, with ``main_only`` (the clause after the provision), the subject of a subordinate clause
        ("…, all notices shall be addressed … until the Company receives notice")."""
        return [m for m in self.subject.finditer(text, lo, hi)
                if not _AFTER_PREP.search(text, max(0, m.start() - 12), m.start())
                and not (main_only and _AFTER_SUB.search(text, max(0, m.start() - 12), m.start()))]

    def obligor(self, text: str, start: int, end: int, sent_start: int, sent_end: int) -> str | None:
        if self.subject is None:
            return None
        before = self._subjects(text, sent_start, start)
        pm = self.pair.search(text, max(sent_start, before[-1].start() - 60), before[-1].start()) if before else None
        if pm and self._label(pm.group("who")) != self._label(before[-1].group("who")):
            return None  # several parties act
        if before and _RIGHT_HOLDER.match(text, before[-1].end()):
            return None  # "the Consultant will be entitled to receive … promptly after X": someone else acts
        clause_start = max(text.rfind(",", sent_start, start), sent_start)
        am = self.agent.search(text, max(clause_start - 80, sent_start), start)
        if am is not None and (not before or am.start() > before[-1].start()):
            return self._label(am.group("who"))
        if before:
            if _MULTI.search(text, before[-1].start(), start):
                return None
            return self._label(before[-1].group("who"))
        if _MULTI.search(text, sent_start, min(sent_end, end + 80)):
            return None
        after = next(iter(self._subjects(text, end, sent_end, main_only=True)), None)
        passive = self.agent_after.search(text, end, sent_end)
        if passive is not None and (after is None or passive.start() < after.start()):
            return self._label(passive.group("who"))
        if after is not None:
            return self._label(after.group("who"))
        return self._list_intro(text, sent_start)

    def _list_intro(self, text: str, sent_start: int) -> str | None:
        """An item of a list the subject introduces: "the Company shall: (a) …; (b) … within ten days …"."""
        lo = max(0, sent_start - 1500)
        colon = text.rfind(":", lo, sent_start + 1)
        if colon < 0 or re.search(r"[.!?]\s+[A-Z]", text[colon:sent_start]):
            return None
        intro = list(self.subject.finditer(text, max(lo, colon - 200), colon + 1))
        if intro and not _MULTI.search(text, intro[-1].start(), colon):
            return self._label(intro[-1].group("who"))
        return None


def action(text: str, start: int, end: int, sent_start: int, sent_end: int) -> str | None:
    """The verb phrase the provision times, best effort: 'pay the Repurchase Price', 'file a Registration Statement'."""
    mm = None
    for mm in re.finditer(r"\b(?:shall|will|must|agrees?\s+to|undertakes?\s+to)\s+(?:(?:not|promptly|immediately|also)\s+)?",
                          text[sent_start:start]):
        pass
    if mm is not None:
        a = re.split(r"[,;(]", text[sent_start + mm.end():start])[0].strip()
        if a:
            return " ".join(a.split()[:12])
    mm = re.search(r"\b(?:shall|will|must)\s+(?:(?:not|promptly|immediately|also)\s+)?(?P<a>[^,;.(]{3,80})",
                   text[end:sent_end])
    if mm:
        return " ".join(mm.group("a").split()[:12])
    return None
