"""The rules of a whole call, each from the norm, over one transcript.

Each rule returns its findings, or None when it does not apply to the call (no hold, no complaint,
no timestamps): such a rule neither passes nor fails it. A call where the caller never speaks is a
silent call: only greeting, forbidden and silent-caller apply to it.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass

from assist.core.checker import Checker
from assist.core.model import FlowStep, Helper, HoldRole, Phrasebook, Voice
from assist.core.qa.results import NOT_APPLICABLE, CallResult, QaFinding, scored
from assist.core.qa.transcript import Transcript, Utterance
from assist.core.qa.wording import Said, Wording, best, clauses, longest_clause, said_all

_PLACEHOLDER = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_NEGATIONS = "没无"  # 没意见, 无不满: not a complaint
_CHECK_IN_CHARS = 20  # a check-in on hold is short; a longer utterance is the answer


class _Said:
    """An agent utterance with its text ready for matching, and what rules found it to say."""

    __slots__ = ("asks", "greets", "said", "utterance")

    def __init__(self, utterance: Utterance, said: Said) -> None:
        self.utterance = utterance
        self.said = said
        self.asks: bool | None = None  # 请问还有什么可以帮您, once known
        self.greets: float | None = None  # how near a greeting, once known

    @property
    def core(self) -> str:
        return self.said.core


class Inspector:
    """Checks whole calls against one book's norm; build once, check many calls."""

    def __init__(self, book: Phrasebook) -> None:
        self.settings = book.qa
        self.similarity = float(book.qa.similarity)
        self.checker = Checker(book)
        self.titles_en = {situation.id: situation.title_en or situation.title for situation in book.situations}
        phrases = [phrase for situation in book.situations for phrase in situation.phrases if not phrase.personal]
        greeting_situation = book.situation("greeting")
        greetings = [phrase for phrase in phrases if phrase.voice is Voice.GREETING]
        first_greetings = [p for p in (greeting_situation.phrases if greeting_situation else ()) if p.voice]
        self.greetings = tuple(Wording.of(phrase.text) for phrase in first_greetings or greetings)
        self.greeting_voice = tuple(Wording.of(phrase.text) for phrase in greetings)
        self.inquiries = tuple(Wording.of(phrase.text) for phrase in phrases if phrase.voice is Voice.INQUIRY)
        closings = [phrase for phrase in phrases if phrase.step is FlowStep.END]
        self.closings = tuple(Wording.of(phrase.text) for phrase in closings)
        farewells = [phrase.text for phrase in phrases if phrase.voice is Voice.FAREWELL]
        self.farewell_voice = tuple(Wording.of(text) for text in farewells + _voice_details(book, Voice.FAREWELL))
        self.holds = tuple(w for p in phrases if p.hold is HoldRole.START for w in clauses(p.text))
        self.check_ins = tuple(longest_clause(p.text) for p in phrases if p.hold is HoldRole.CHECK_IN)
        self.returns = self.check_ins + tuple(longest_clause(p.text) for p in phrases if p.hold is HoldRole.RESUME)
        silent = next((s for s in book.situations if s.helper is Helper.SILENT_CALLER), None)
        self.call_again = tuple(longest_clause(p.text) for p in (silent.phrases if silent else ()) if p.voice is None)
        responding = [book.situation(situation_id) for situation_id in self.settings.response_situations]
        self.responses = tuple(Wording.of(p.text) for s in responding if s for p in s.phrases)
        self.labels = {name: f"【{placeholder.label}】" for name, placeholder in book.placeholders.items()}
        words = sorted(self.settings.complaint_words, key=len, reverse=True)
        self.complaint_words = re.compile("|".join(map(re.escape, words))) if words else re.compile("(?!)")
        self.suggest = _Suggestions.shown(
            self.labels,
            greeting=self.greetings[0].text if self.greetings else "",
            inquiry=self.inquiries[0].text if self.inquiries else "",
            closing=next((p.text for p in closings if p.voice is Voice.FAREWELL), closings[0].text if closings else ""),
            check_in=self.check_ins[0].text if self.check_ins else "",
            resume=next((p.text for p in phrases if p.hold is HoldRole.RESUME), ""),
            call_again=next((p.text for p in (silent.phrases if silent else ()) if p.voice is None), ""),
            response=self.responses[0].text if self.responses else "",
        )

    def check(self, transcript: Transcript, keep_transcript: bool = False) -> CallResult:
        spoken = [u for u in transcript.utterances if u.speaker == "agent"]
        agent = [_Said(u, said) for u, said in zip(spoken, said_all([u.text for u in spoken]), strict=True)]
        silent_call = all(u.speaker == "agent" for u in transcript.utterances)
        timed = transcript.timed
        outcomes: dict[str, list[QaFinding] | None] = {
            "greeting": self.greeting(agent, timed),
            "forbidden": self.forbidden(agent),
            "silent-caller": self.silent_caller(agent) if silent_call else None,
        }
        if not silent_call:
            closing_at = self._closing_index(agent)
            outcomes["anything-else"] = self.anything_else(agent, closing_at)
            outcomes["closing"] = self.closing(agent, closing_at)
            outcomes["hold-return"], outcomes["hold-checkin"] = self.holds_kept(agent, transcript, timed)
            outcomes["three-voices"] = self.three_voices(agent)
            outcomes["complaint-response"] = self.complaint_response(transcript)
        findings = [finding for found in outcomes.values() if found for finding in found]
        findings.sort(key=lambda finding: finding.line)
        states = {rule: NOT_APPLICABLE for rule, found in outcomes.items() if found is None}
        states.update({rule: NOT_APPLICABLE for rule in _SILENT_NOT_APPLICABLE if silent_call})
        last = transcript.utterances[-1] if transcript.utterances else None
        duration = (last.end or last.start) if last and timed else None
        result = CallResult(transcript.call, transcript.agent, transcript.source, findings, states, duration=duration)
        scored(result, self.settings)
        if keep_transcript and not result.passed:  # the report shows the transcripts of failed calls
            result.utterances = transcript.utterances
        return result

    # -- the rules --------------------------------------------------------------------------

    def greeting(self, agent: list[_Said], timed: bool) -> list[QaFinding]:
        if not agent:
            return [QaFinding("greeting", 0, None, "", _MESSAGES["never-spoke"], self.suggest.greeting)]
        first = agent[0]
        closeness, named = max((wording.match(first.said) for wording in self.greetings), default=(0.0, False))
        if closeness < self.similarity:
            return [_at(first, "greeting", _MESSAGES["greeting"], self.suggest.greeting)]
        if not named:
            return [_at(first, "greeting", _MESSAGES["organisation"], self.suggest.greeting)]
        start = first.utterance.start
        if timed and start is not None and start > self.settings.greeting_within:
            message = _MESSAGES["late-greeting"].format(seconds=start, limit=self.settings.greeting_within)
            return [_at(first, "greeting", message, self.suggest.greeting)]
        return []

    def forbidden(self, agent: list[_Said]) -> list[QaFinding]:
        """The checker over the agent's words, one utterance a line; each hit placed by its offset."""
        texts = [said.utterance.text.replace("\n", " ") for said in agent]
        offsets = list(itertools.accumulate((len(text) + 1 for text in texts), initial=0))
        findings = []
        for hit in self.checker.check("\n".join(texts)):
            index = bisect.bisect_right(offsets, hit.start) - 1
            start, end = hit.start - offsets[index], min(hit.end - offsets[index], len(texts[index]))
            title_en = self.titles_en.get(hit.situation, hit.situation_title)
            message = _MESSAGES["forbidden"].format(match=hit.match, title=hit.situation_title, title_en=title_en)
            suggestion = _labelled(hit.suggestion, self.labels)
            findings.append(_at(agent[index], "forbidden", message, suggestion, start, end))
        return findings

    def _closing_index(self, agent: list[_Said]) -> int | None:
        """The agent utterance that closes the call: the last, or the last two said together."""
        if not agent:
            return None
        if self._best(self.closings, agent[-1].said) >= self.similarity:
            return len(agent) - 1
        if len(agent) > 1 and self._best(self.closings, Said.of(agent[-2].core + agent[-1].core)) >= self.similarity:
            return len(agent) - 2
        return None

    def closing(self, agent: list[_Said], closing_at: int | None) -> list[QaFinding]:
        if closing_at is not None:
            return []
        if not agent:
            return [QaFinding("closing", 0, None, "", _MESSAGES["closing"], self.suggest.closing)]
        key = "bare-goodbye" if agent[-1].core in ("再见", "好的再见", "好再见", "拜拜") else "closing"
        return [_at(agent[-1], "closing", _MESSAGES[key], self.suggest.closing)]

    def anything_else(self, agent: list[_Said], closing_at: int | None) -> list[QaFinding]:
        before = agent[:closing_at] if closing_at is not None else agent
        if any(self._asks(said) for said in reversed(before)):
            return []
        where = agent[closing_at] if closing_at is not None else (agent[-1] if agent else None)
        if where is None:
            return [QaFinding("anything-else", 0, None, "", _MESSAGES["anything-else"], self.suggest.inquiry)]
        return [_at(where, "anything-else", _MESSAGES["anything-else"], self.suggest.inquiry)]

    def _best(self, wordings: tuple[Wording, ...], said: Said) -> float:
        return best(wordings, said, self.similarity)

    def _asks(self, said: _Said) -> bool:
        """请问还有什么可以帮您, and not the greeting's 请问有什么可以帮您, which is close to it."""
        if said.asks is None:
            asking = self._best(self.inquiries, said.said)
            said.asks = asking >= self.similarity and asking > self._greets(said)
        return said.asks

    def _greets(self, said: _Said) -> float:
        if said.greets is None:
            matches = (wording.match(said.said, self.similarity)[0] for wording in self.greeting_voice)
            said.greets = max(matches, default=0.0)
        return said.greets

    def holds_kept(
        self, agent: list[_Said], transcript: Transcript, timed: bool
    ) -> tuple[list[QaFinding] | None, list[QaFinding] | None]:
        """hold-return and hold-checkin: each hold ends with thanks or an apology for the wait, and
        the caller never waits longer than the threshold without hearing from the agent."""
        returns: list[QaFinding] = []
        waits: list[QaFinding] = []
        holds = 0
        index = 0
        threshold = self.settings.hold_threshold
        while index < len(agent):
            if self._best(self.holds, agent[index].said) < self.similarity:
                index += 1
                continue
            holds += 1
            start = last = agent[index]
            index += 1
            while index < len(agent) and self._is_check_in(agent[index]):
                waits += self._wait(last, agent[index].utterance.start, threshold)
                last = agent[index]
                index += 1
            if index >= len(agent):
                returns.append(_at(last, "hold-return", _MESSAGES["never-returned"], self.suggest.resume))
                end = transcript.utterances[-1]
                waits += self._wait(last, end.end or end.start, threshold)
                break
            back = agent[index]
            waits += self._wait(last, back.utterance.start, threshold)
            thanked = last is not start and self._best(self.returns, last.said) >= self.similarity  # in a check-in
            if not thanked and self._best(self.returns, back.said) < self.similarity:
                returns.append(_at(back, "hold-return", _MESSAGES["hold-return"], self.suggest.resume))
        if not holds:
            return None, None
        return returns, (waits if timed else None)

    def _is_check_in(self, said: _Said) -> bool:
        """Still on hold: a short word to the caller (对不起，让您久等了 / 请稍等) that is not the answer."""
        if len(said.core) > _CHECK_IN_CHARS:
            return False
        return (
            self._best(self.check_ins, said.said) >= self.similarity
            or self._best(self.holds, said.said) >= self.similarity
        )

    def _wait(self, last: _Said, until: float | None, threshold: float) -> list[QaFinding]:
        since = last.utterance.end if last.utterance.end is not None else last.utterance.start
        if since is None or until is None or until - since <= threshold:
            return []
        message = _MESSAGES["hold-checkin"].format(seconds=until - since, limit=threshold)
        finding = _at(last, "hold-checkin", message, self.suggest.check_in)
        return [finding]

    def silent_caller(self, agent: list[_Said]) -> list[QaFinding]:
        greetings = sum(1 for said in agent if self._greets(said) >= self.similarity)
        asked = any(self._best(self.call_again, said.said) >= self.similarity for said in agent)
        if greetings >= 2 and asked:
            return []
        where = agent[-1] if agent else None
        key = "silent-greetings" if greetings < 2 else "silent-call-again"
        message = _MESSAGES[key].format(greetings=greetings)
        suggestion = self.suggest.greeting if greetings < 2 else self.suggest.call_again
        if where is None:
            return [QaFinding("silent-caller", 0, None, "", message, suggestion)]
        return [_at(where, "silent-caller", message, suggestion)]

    def three_voices(self, agent: list[_Said]) -> list[QaFinding]:
        voices = {
            "招呼声 greeting": (lambda said: self._greets(said) >= self.similarity, self.suggest.greeting),
            "询问声 inquiry": (self._asks, self.suggest.inquiry),
            "道别声 farewell": (
                lambda said: self._best(self.farewell_voice, said.said) >= self.similarity,
                self.suggest.closing,
            ),
        }
        latest_first = agent[::-1]  # the inquiry and the farewell come late in a call
        missing = [
            name
            for name, (heard, _) in voices.items()
            if not any(heard(said) for said in (agent if name == "招呼声 greeting" else latest_first))
        ]
        if not missing:
            return []
        names = [name.split(" ") for name in missing]  # "招呼声 greeting": its Chinese and English names
        message = _MESSAGES["three-voices"].format(
            missing_zh="、".join(zh for zh, _ in names), missing_en=", ".join(en for _, en in names)
        )
        return [QaFinding("three-voices", 0, None, "", message, " / ".join(voices[name][1] for name in missing))]

    def complaint_response(self, transcript: Transcript) -> list[QaFinding] | None:
        utterances = transcript.utterances
        complaint = self._first_complaint(utterances)
        if complaint is None:
            return None
        later = (Said.of(u.text) for u in utterances[complaint + 1 :] if u.speaker == "agent")
        if any(self._best(self.responses, said) >= self.similarity for said in later):
            return []
        said = utterances[complaint]
        return [
            QaFinding(
                "complaint-response", said.line, said.start, said.text, _MESSAGES["complaint"], self.suggest.response
            )
        ]

    def _first_complaint(self, utterances: list[Utterance]) -> int | None:
        """The index of the caller's first complaint (投诉, 不满 …, not 没意见), searched in one pass."""
        texts = [u.text.replace("\n", " ") if u.speaker == "caller" else "" for u in utterances]
        joined = "\n".join(texts)
        for found in self.complaint_words.finditer(joined):
            at = found.start()
            if at == 0 or joined[at - 1] not in _NEGATIONS:
                return joined.count("\n", 0, at)
        return None


@dataclass(frozen=True, slots=True)
class _Suggestions:
    """What to say instead, placeholders shown by their labels (您好，【单位名称】，…)."""

    greeting: str
    inquiry: str
    closing: str
    check_in: str
    resume: str
    call_again: str
    response: str

    @classmethod
    def shown(cls, labels: dict[str, str], **texts: str) -> _Suggestions:
        return cls(
            **{key: _PLACEHOLDER.sub(lambda m: labels.get(m.group(1), m.group()), t) for key, t in texts.items()}
        )


_SILENT_NOT_APPLICABLE = (
    "anything-else",
    "closing",
    "hold-return",
    "hold-checkin",
    "three-voices",
    "complaint-response",
)
_MESSAGES = {
    "never-spoke": "立即接听和招呼 (the agent never spoke)",
    "greeting": "立即接听和招呼：首句应为标准问候语 (the first words are not the standard greeting)",
    "organisation": "问候时报出单位名称 (the greeting does not name the organisation)",
    "late-greeting": "立即接听和招呼 (the greeting came {seconds:.0f} s into the call; the limit is {limit:.0f} s)",
    "forbidden": "忌：“{match}”（{title}） (forbidden wording “{match}” ({title_en}))",
    "anything-else": "向用户解释清楚一个问题后，不应马上挂机，而应询问：“请问还有什么可以帮您？” "
    "(the agent did not ask whether there is anything else before closing)",
    "closing": "服务结束后不应立即挂机，应致谢 (the call does not end with the standard closing)",
    "bare-goodbye": "忌：“再见”，不回礼 (a bare goodbye: no thanks, no evaluation prompt)",
    "hold-return": "对用户的耐心等待及配合要向用户致谢 (back from the hold without thanking the caller for waiting)",
    "never-returned": "对用户的耐心等待及配合要向用户致谢 (the call ends while the caller is on hold)",
    "hold-checkin": "如需查询时间较长，要向用户交待清楚 "
    "(the caller waited {seconds:.0f} s on hold without hearing from the agent; the limit is {limit:.0f} s)",
    "silent-greetings": "忌：沉默收线或招呼用户不足两次收线 (the agent greeted the silent caller {greetings} time(s))",
    "silent-call-again": "用户不出声：请用户换一部电话再打来 (the agent did not ask the caller to call again)",
    "three-voices": "服务说好“三声”，未听到：{missing_zh} (not heard: {missing_en})",
    "complaint": "当用户提出建议和批评时：虚心回礼，表示感谢或歉意 "
    "(the caller complained; the agent neither thanked nor apologised in the norm's words)",
}


def _labelled(text: str, labels: dict[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda match: labels.get(match.group(1), match.group()), text)


def _at(said: _Said, rule: str, message: str, suggestion: str, start: int = -1, end: int = -1) -> QaFinding:
    utterance = said.utterance
    return QaFinding(rule, utterance.line, utterance.start, utterance.text, message, suggestion, start, end)


def _voice_details(book: Phrasebook, voice: Voice) -> list[str]:
    """The guidance's example of a voice (服务说好“三声”: 谢谢您的来电，再见！), when the book has one."""
    section = next((section for section in book.guidance if section.id == "voices"), None)
    if section is None or len(section.items) != len(Voice):
        return []
    detail = section.items[list(Voice).index(voice)].detail
    return [detail] if detail else []
