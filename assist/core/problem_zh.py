"""The Chinese text of the problems found in a phrasebook or a personal file, for the Chinese banners.

The readers word their messages in English (`assist check` prints them, and scripts read them);
this catalogue holds the Chinese of each message template. A template's slots: `what` (the place
in the file, "situation 'hold' phrases") is said in Chinese word by word; `list` (names separated
by commas) and quoted values are kept as written in the file, in Chinese quotes; `kind`, `expected`
and `reason` come from small tables. A message no template fits reads as a general problem, with
its line and column; `tests/test_problem_zh.py` has one file per kind of problem.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable
from functools import cache

_QUOTED = re.compile(r"'([^']*)'")
_ANY = "(?P<{}>.+?)"


def in_chinese(message: str) -> str:
    """The Chinese of an English problem message (text that is already Chinese stays as it is)."""
    for pattern, chinese in _catalogue():
        match = pattern.fullmatch(message)
        if match:
            said = chinese.format(**{name: _slot(name, value) for name, value in match.groupdict().items()})
            return re.sub(r" ?(“[^”]*”) ?", r"\1", said)  # no spaces around Chinese quotes
    if not re.search(r"[A-Za-z]{2}", _QUOTED.sub("", message)):
        return message
    return "格式有误（运行 assist check 查看详情）"


# -- the templates ------------------------------------------------------------------------------

_TEMPLATES: tuple[tuple[str, str], ...] = (
    # reading YAML (yaml_source)
    ("the file is {n} MB; the limit is {m} MB", "文件大小为 {n} MB，上限为 {m} MB"),
    ("no such file", "文件不存在"),
    ("this is a folder, not a file", "这是文件夹，不是文件"),
    ("cannot read the file: {reason}", "无法读取文件：{reason}"),
    ("not {enc} text (byte {b}); save the file as UTF-8", "不是 {enc} 文本（字节 {b}），请将文件另存为 UTF-8 编码"),
    ("control character {c} in the text; is this a binary file?", "文本中有控制字符 {c}，这可能是二进制文件"),
    ("the file is empty", "文件为空"),
    ("YAML syntax: {syntax} (it began at line {l}, column {c})", "YAML 语法错误：{syntax}（始于第 {l} 行第 {c} 列）"),
    ("YAML syntax: {syntax}", "YAML 语法错误：{syntax}"),
    ("YAML error: {detail}", "YAML 错误，无法解析"),
    (
        "the file holds no data, only comments or blank lines; a phrasebook needs at least 'name' and 'situations'",
        "文件中没有数据，只有注释或空行；用语库至少需要 “name” 和 “situations”",
    ),
    ("a phrasebook holds one YAML document; remove the extra '---'", "用语库只能有一个 YAML 文档，请删除多余的 “---”"),
    ("nested deeper than {n} levels", "嵌套超过 {n} 层"),
    ("a mapping key has no value", "键没有值"),
    ("a mapping key must be plain text, not a list or mapping", "键必须是普通文字，不能是列表或映射"),
    ("duplicate key '{k}'", "键 “{k}” 重复"),
    ("alias *{a} refers to itself", "别名“*{a}”引用了自身"),
    ("alias *{a} has no anchor &{b} before it", "别名“*{a}”之前没有锚点“&{b}”"),
    ("more than {n} values once aliases are expanded (an alias bomb?)", "展开别名后超过 {n} 个值（疑似别名炸弹）"),
    (
        "tag {t} is not allowed: a phrasebook holds only text, numbers, true/false, lists and mappings",
        "不允许使用标签“{t}”：用语库只能包含文字、数字、true/false、列表和映射",
    ),
    ("'{v}' is not a valid {kind}", "“{v}” 不是有效的{kind}"),
    # the shared readers (validation)
    ("{what} is empty; it needs at least one entry", "{what}为空，至少需要一项"),
    ("{what} must be {kind} from {lo} to {hi}, not {found}", "{what}应为 {lo} 到 {hi} 之间的{kind}，而不是{found}"),
    ("{what} must be from {lo} to {hi}, not {v}", "{what}应在 {lo} 到 {hi} 之间，而不是 {v}"),
    ("{what} must be one of {list}, not '{v}'", "{what}应为 {list} 之一，而不是 “{v}”"),
    ("{what} must be {expected}, not {found}", "{what}应为{expected}，而不是{found}"),
    ("unknown key '{k}' in {what}; did you mean '{close}'?", "{what}中有未知的键 “{k}”，是否应为 “{close}”？"),
    ("unknown key '{k}' in {what}; known keys: {list}", "{what}中有未知的键 “{k}”；可用的键：{list}"),
    ("{what} is missing '{k}'", "{what}缺少 “{k}”"),
    ("{what} is empty", "{what}为空"),
    (
        "id '{v}' must be lower-case letters, digits, '-' and '_', starting with a letter",
        "编号 “{v}” 只能由小写字母、数字、“-” 和 “_” 组成，并以字母开头",
    ),
    ("duplicate id '{v}' in {what}", "{what}中编号 “{v}” 重复"),
    # the phrasebook (loader, templates, instead, qa settings)
    (
        "format {v} is not supported; this version of Assist reads format {n}",
        "不支持格式 {v}，此版本的 Assist 读取格式 {n}",
    ),
    (
        "placeholder name '{v}' must be lower-case letters, digits and _, starting with a letter",
        "占位符名称 “{v}” 只能由小写字母、数字和 “_” 组成，并以字母开头",
    ),
    (
        "'{c}' is not a part of '{f}'; 'clauses' lists parts of the forbidden text that are forbidden said "
        "alone (write other wordings in 'variants')",
        "“{c}” 不是 “{f}” 的一部分；“clauses” 列出禁语中单独说出也算禁语的部分（其他说法请写在 “variants” 中）",
    ),
    (
        "'{c}' contains neither '{w}' nor one of its variants or clauses; an exception in 'unless' is a "
        "longer wording around the forbidden text",
        "“{c}” 既不含 “{w}”，也不含它的变体或分句；“unless” 中的例外应是包含禁语的更长说法",
    ),
    (
        "placeholder {{{v}}} is not declared under 'placeholders' (declared: {list})",
        "占位符“{{{v}}}”未在 “placeholders” 中声明（已声明：{list}）",
    ),
    ("forbidden text '{t}' is also a standard phrase", "禁语 “{t}” 同时也是标准用语"),
    ("{what} lists the phrase '{t}' twice", "{what}中用语 “{t}” 出现了两次"),
    (
        "'[' at character {n} opens a part inside another; optional parts do not nest",
        "第 {n} 个字符处的 “[” 在另一个可选部分之内；可选部分不能嵌套",
    ),
    (
        "']' at character {n} closes no '['; write 】 for a literal bracket",
        "第 {n} 个字符处的 “]” 没有对应的 “[”；方括号本身请写作 】",
    ),
    (
        "optional part '{p}' at character {n} holds no placeholder; write it as plain text, "
        "or 【】 for literal brackets",
        "第 {n} 个字符处的可选部分 “{p}” 不含占位符；请写成普通文字，方括号本身请写作【】",
    ),
    (
        "'[' at character {n} is never closed; end the optional part with ']'",
        "第 {n} 个字符处的 “[” 没有闭合，请用 “]” 结束可选部分",
    ),
    ("instead names '{v}' twice", "“instead” 两次列出 “{v}”"),
    (
        "instead '{v}' names no situation of the book; did you mean '{close}'?",
        "“instead” 中的 “{v}” 指向的情形不在本用语库中，是否应为 “{close}”？",
    ),
    (
        "instead '{v}' names no situation of the book; situations: {list}",
        "“instead” 中的 “{v}” 指向的情形不在本用语库中；已有情形：{list}",
    ),
    ("instead '{v}': situation '{s}' has phrases 1 to {n}", "“instead” 中的 “{v}”：情形 “{s}” 只有第 1 至 {n} 句用语"),
    (
        "instead '{v}' names no phrase of {what}; did you mean '{close}'?",
        "“instead” 中的 “{v}” 不是{what}的用语，是否应为 “{close}”？",
    ),
    (
        "instead '{v}' names no phrase of {what}; copy one of its phrases word for word",
        "“instead” 中的 “{v}” 不是{what}的用语，请逐字照抄其中一句",
    ),
    (
        "qa weights: unknown rule '{v}'; the rules are {list}",
        "“qa” 的 “weights” 中有未知的规则 “{v}”；可用的规则：{list}",
    ),
    (
        "qa response_situations: no situation '{v}' in this book ({list})",
        "“qa” 的 “response_situations”：本用语库中没有情形 “{v}”（已有：{list}）",
    ),
    # an organisation book from a URL (sources)
    ("no offline copy of this phrasebook yet", "还没有此用语库的离线副本"),
)


@cache
def _catalogue() -> tuple[tuple[re.Pattern[str], str], ...]:
    """The templates as patterns: each `{slot}` matches any text (as little as it can)."""
    return tuple((re.compile(_pattern(english)), chinese) for english, chinese in _TEMPLATES)


def _pattern(template: str) -> str:
    pattern = ""
    for part in re.split(r"(\{\{|\}\}|\{[a-z]+\})", template):  # {{ and }} are literal braces
        if part in ("{{", "}}"):
            pattern += re.escape(part[0])
        elif re.fullmatch(r"\{[a-z]+\}", part):
            pattern += _ANY.format(part[1:-1])
        else:
            pattern += re.escape(part)
    return pattern


def _slot(name: str, value: str) -> str:
    saying: Callable[[str], str] = _SLOTS.get(name, lambda text: text)
    return saying(value)


# -- the slots ------------------------------------------------------------------------------------


def _list(text: str) -> str:
    """Names from the file, each in Chinese quotes ("none": 无)."""
    if text == "none":
        return "无"
    return "、".join(f"“{name}”" for name in text.split(", "))


_KINDS = {  # what a value is (validation.describe), and what it must be
    "a mapping": "映射",
    "a list": "列表",
    "nothing": "空值",
    "text": "文字",
    "a whole number": "整数",
    "a number": "数字",
    "true or false": " true 或 false",
    "a mapping (key: value lines)": "映射（“键: 值” 的行）",
    "a list (lines starting with '- ')": "列表（以 “- ” 开头的行）",
    "a mapping of placeholder names": "占位符名称的映射",
    "a mapping of rule ids to weights": "规则编号到权重的映射",
    "int": "整数",
    "float": "小数",
    "bool": " true/false",
    "null": "空值",
}


def _kind(text: str) -> str:
    """A value as `validation.describe` names it, in Chinese; the value itself stays as written."""
    if text in _KINDS:
        return _KINDS[text]
    value = re.fullmatch(r"(true/false|a number|text) \((.*)\)", text)
    if value:
        name = {"true/false": "true/false", "a number": "数字", "text": "文字"}[value[1]]
        shown = value[2][1:-1] if value[1] == "text" else value[2]
        return f"{name} “{shown}”"
    return f"“{text}”"


_OS_REASONS = {  # the system's words for why a file or a server cannot be reached, by error number
    errno.EACCES: "没有权限",
    errno.EPERM: "不允许此操作",
    errno.ENOENT: "文件不存在",
    errno.EISDIR: "这是文件夹",
    errno.EIO: "输入输出错误",
    errno.ENOSPC: "磁盘空间不足",
    errno.EROFS: "文件系统只读",
    errno.ELOOP: "符号链接层数过多",
    errno.ENAMETOOLONG: "文件名过长",
    errno.ECONNREFUSED: "对方拒绝连接",
    errno.ECONNRESET: "连接被对方断开",
    errno.ETIMEDOUT: "连接超时",
    errno.EHOSTUNREACH: "无法到达服务器",
    errno.ENETUNREACH: "网络不通",
}


def os_error_zh(error: OSError) -> str:
    """Why the system refused, in Chinese (its own words are in the language of the machine)."""
    import socket
    import ssl

    if isinstance(error, socket.gaierror):
        return "找不到该服务器（名称无法解析）"
    if isinstance(error, ssl.SSLError):
        return "安全连接（TLS）失败，服务器证书可能无法验证"
    if isinstance(error, TimeoutError) and error.errno is None:
        return "连接超时"
    return _OS_REASONS.get(error.errno or 0, f"系统错误 {error.errno}" if error.errno else "系统错误")


def _reason(text: str) -> str:
    if text == "it changed while it was read":
        return "读取时文件被改动了"
    reasons = {os.strerror(number): chinese for number, chinese in _OS_REASONS.items()}
    return reasons.get(text, "系统错误")


_SYNTAX = (  # what the YAML parser says (libyaml's words and PyYAML's), most telling first
    ("mapping values are not allowed", "此处不能有 “键: 值”，多半是缩进不对，或值中的 “: ” 需要加引号"),
    ("did not find expected key", "缩进不对，此处应是一个键"),
    ("could not find expected ':'", "缺少冒号 “:”"),
    ("did not find expected '-' indicator", "列表项缩进不对，应以 “- ” 开头"),
    ("did not find expected ',' or ']'", "方括号列表没有闭合，缺少 “,” 或 “]”"),
    ("did not find expected ',' or '}'", "花括号映射没有闭合，缺少 “,” 或 “}”"),
    ("expected ',' or ']'", "方括号列表没有闭合，缺少 “,” 或 “]”"),
    ("expected ',' or '}'", "花括号映射没有闭合，缺少 “,” 或 “}”"),
    ("found character that cannot start any token", "此处的字符不能开始一个值（缩进请用空格，不要用制表符）"),
    ("found character '\\t' that cannot start any token", "缩进请用空格，不要用制表符"),
    ("cannot start any token", "此处的字符不能开始一个值"),
    ("found unexpected end of stream", "文件意外结束，可能是引号没有闭合"),
    ("found unknown escape character", "双引号中有未知的转义字符，反斜杠请写作 “\\\\”"),
    ("block sequence entries are not allowed", "此处不能开始列表项，多半是缩进不对"),
    ("sequence entries are not allowed", "此处不能开始列表项，多半是缩进不对"),
    ("expected <block end>", "缩进不对"),
    ("did not find expected <document start>", "文件开头的格式不对"),
    ("did not find expected node content", "此处缺少值"),
    ("expected the node content", "此处缺少值"),
    ("found undefined tag handle", "未定义的标签"),
)


def _syntax(text: str) -> str:
    for english, chinese in _SYNTAX:
        if english in text:
            return chinese
    return "无法解析"


def _what(text: str) -> str:
    """A place in the file ("situation 'hold' phrases", "phrase 3 en") in Chinese: known words
    translated, names and keys from the file kept in quotes, parts joined by 的."""
    if text.startswith("qa weight of "):
        return f"“qa” 中规则 “{text.removeprefix('qa weight of ')}” 的权重"
    parts: list[str] = []
    words = re.findall(r"'[^']*'|\S+", text)
    index = 0
    while index < len(words):
        phrase = next((n for n in range(3, 0, -1) if " ".join(words[index : index + n]) in _PLACES), 0)
        if phrase:
            noun = _PLACES[" ".join(words[index : index + phrase])]
            index += phrase
        else:
            noun, index = f"“{words[index].strip(chr(39))}”", index + 1
        if index < len(words) and words[index].isdigit():
            counter = {"情形": "个", "服务规范总则章节": "个", "项": ""}.get(noun, "条")
            noun, index = f"第 {words[index]} {counter}{noun}", index + 1
        elif index < len(words) and words[index].startswith("'"):
            noun, index = f"{noun} “{words[index][1:-1]}” ", index + 1
        parts.append(noun.strip())
    return "的".join(parts)


_PLACES = {  # the words of `what`, as the readers name the places in a file
    "the phrasebook": "用语库",
    "the personal file": "我的用语文件",
    "the qa section": "“qa” 部分",
    "guidance section": "服务规范总则章节",
    "forbidden text": "禁语内容",
    "phrase text": "用语内容",
    "when word": "提示词",
    "complaint word": "投诉用词",
    "qa response situation": "“qa” 的应答情形",
    "situation": "情形",
    "situations": "情形",
    "phrase": "用语",
    "phrases": "用语",
    "forbidden": "禁语",
    "keyword": "关键词",
    "keywords": "关键词",
    "title": "标题",
    "item": "项",
    "items": "各项",
    "text": "内容",
    "label": "标签",
    "placeholder": "占位符",
    "placeholders": "占位符",
    "favourite": "收藏",
    "favourites": "收藏",
    "variant": "变体",
    "variants": "变体",
    "clause": "分句",
    "clauses": "分句",
    "subjects": "诉求主题",
}

_SLOTS: dict[str, Callable[[str], str]] = {
    "what": _what,
    "list": _list,
    "kind": _kind,
    "expected": _kind,
    "found": _kind,
    "reason": _reason,
    "syntax": _syntax,
}
