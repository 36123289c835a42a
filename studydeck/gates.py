"""Gates every candidate card passes before it may be exported: no card beats a bad card.

A candidate that fails is left out and reported as a :class:`Notice` with the rule
``left-out:<reason>`` and a message, in the notes' language, saying what to write instead.
Each gate is one function ``(card) -> reason | None``; :data:`GATES` lists them in order.
"""

from __future__ import annotations

import ast
import builtins
import os
import re
from bisect import bisect_left
from collections import defaultdict
from functools import lru_cache
from typing import Callable

from studydeck.model import Card, CardKind, Notice
from studydeck.notes import math_spans, without_math
from studydeck.printed import MACHINE
from studydeck.text import CLOZE, CLOZE_OPEN, TO_TRADITIONAL, UNFINISHED_WORDS, say

MAX_FRONT = 300
MAX_BACK = 3000
MAX_CODE_LINES = 25
URL_OR_FILE = re.compile(
    r"https?://|www\.|\b[\w\-]+\.(png|jpe?g|gif|svg|webp|bmp|mkv|mp4|avi|mov|mp3|pdf|md|html?|zip)\b", re.I)
# A line that only points elsewhere: a link, a URL, a wikilink, a video or document file.
# An image is content (a diagram can be the answer); these are not.
LINK_LINE = re.compile(
    r"^\s*(?:[-*+]|\d+[.)])?\s*(?:\[[^\[\]]*\]\([^)]*\)|<?https?://\S+>?|\[\[[^\[\]]*\]\]|"
    r"\S.*\.(?:mkv|mp4|avi|mov|webm|pdf|zip|html?)\b.*)\s*$", re.I)
SETUP_LINE = re.compile(r"^(?:import\s|from\s+\S+\s+import\s|%|!pip\s|npx\.set_np\(\)|warnings\.)")
# A command typed at a shell (“pip install torch”, “$ torchrun --nproc_per_node=4 train.py”).
SHELL_COMMAND = re.compile(r"\s*(?:\$\s+)?(?:pip3?|python3?|torchrun|conda|git|nvidia-smi|cd|ls|export|bash|sh|"
                           r"tensorboard|wget|curl|apt(?:-get)?|docker|mkdir|cp|mv|rm|sudo|jupyter|accelerate|"
                           r"deepspeed|srun|sbatch)(?:\s|$)")


# A command that sets up one's machine rather than does the work (“conda create -n percep python=3.10”,
# “pip install -r requirements.txt”, “python -c "import torch; print(torch.__version__)"”).
# (“pip install torch --index-url …” is worth recalling: only a project's own requirements are setup)
PINNED_INSTALL = re.compile(r"\s*(?:\$\s+)?(?:pip3?|python3?\s+-m\s+pip)\s+install\s+-r\s")
SETUP_COMMAND = re.compile(r"\s*(?:\$\s+)?(?:conda\s+(?:create|activate|deactivate|env)|"
                           r"(?:pip3?|python3?\s+-m\s+pip)\s+install\s+(?:-r\s|-e\s|--editable\s|\.(?:\s|$|\[))|"
                           r"python3?\s+-m\s+venv|(?:source|\.)\s+\S*activate|git\s+clone|cd\s|"
                           r"python3?\s+-c\s+['\"]import\s+\w+\s*;\s*print\()")


def setup_commands(code: str) -> bool:
    """Two lines or more, each making, entering or checking a project's environment, one of them installing
    its pinned requirements (“pip install -r requirements.txt”): a team's setup, not something to learn
    (“conda create -n dl python=3.10” and “conda activate dl” under “新建环境并进入：” are how one does it)."""
    lines = [line for line in code.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return len(lines) >= 2 and all(SETUP_COMMAND.match(line) for line in lines) \
        and any(PINNED_INSTALL.match(line) for line in lines)


def commands(code: str) -> bool:
    """Every line of a bare fence is a shell command: something to type, not Python."""
    lines = [line for line in code.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    return bool(lines) and all(SHELL_COMMAND.match(line) for line in lines)


# What people write where the answer will go.
# (in either script: “待補充”, “待寫”, “待續”)
PLACEHOLDER = re.compile(r"^\s*(todo|tbd|tba|fixme|待[补補]充|待完善|待整理|待更新|待填|待[写寫]|待[续續]|未完|略|空|\.\.\.|…+|-+|\?+|？+)\s*$",
                         re.I)
LEADING_PLACEHOLDER = re.compile(r"\s*(?:todo|tbd|fixme|待[补補]充?|待完善|待整理|待更新)\b\s*(?:[(（:：—-]|$)", re.I)
# A to-do and what is still to do (“TODO. lecture 9, haven't watched yet”, “TODO. 补推导”, “TODO. not sure”);
# what runs on after “TODO,” (“TODO, basically BERT on image patches”) or “TODO.” (“TODO. max(0, x)”) may
# still be the answer.
TODO_NOTE = re.compile(r"\s*(?:todo|tbd|fixme)\b\s*[.。!！]\s*(?P<rest>[^$`]*)", re.I)
TODO_WORDS = re.compile(r"haven'?t|have not|not yet|later|lecture\s*\d|week\s*\d|look into|还没|没看|待看|以后|回头|"
                        r"第\s*\d+\s*[讲课周章]|^\s*(?:re-?read|read|check|ask|watch|finish|write|补|查|看|整理|问)|"
                        r"not sure|unsure|不懂|不确定|不清楚|^[\s?？]*$|[?？]\s*$", re.I)


def _todo_note(answer: str) -> bool:
    """“TODO.” and what is still to do, or a doubt; not an answer written after the mark."""
    note = TODO_NOTE.fullmatch(answer)
    return note is not None and TODO_WORDS.search(note.group("rest")) is not None


# An answer that is only a mark (“1'”, “2 分”, “3 points”).
MARKS_ONLY = re.compile(r"\s*+[(（]?\s*+\d++(?:\.\d++)?\s*+(?:'|’|′|分|pts?\.?|points?|marks?)\s*+(?:[)）]\s*+)?(?:[。.]\s*+)?", re.I)
# A section of a marking scheme (“评分点”, “Marking scheme”, “Rubric”): its numbers are marks.
MARKING_SECTION = re.compile(r"评分|得分点|给分|踩分|marking|mark scheme|rubric|grading", re.I)
# An answer that only says its question will not be examined (“不考”, “不考（好耶）”, “not examined”).
NOT_EXAMINED_ONLY = re.compile(r"\s*(?:老师说)?(?:不考(?!虑|究|试|证|验|量)|不在考试范围内?|not (?:examined|tested|on the exam))"
                               r"[^\n。.]{0,12}[。.!！]?\s*", re.I)
# An answer put off (“下节课讲”, “以后再补”, “有空查一下”, “covered next lecture”, “will be explained later”).
DEFERRED = re.compile(r"\s*+(?:下周|下次|回头|改天|明天|有空|以后有空|之后)(?:有空)?(?:的话)?[^，,。；;\n]{0,24}?(?:一下|看看|试试|查一?查)"
                      r"[。.!！~～\s]*+|"
                      r"\s*(?:(?:老师|助教|书上)说\s*)?(?:下节课|下次课?|下周|下一?讲|以后|之后|回头|后面)\s*+再?\s*+"
                      r"(?:讲|说|补|看|学|讨论|解释)(?:吧|了|哦)?\s*[。.!！~～]*\s*|"
                      # or only sends the learner elsewhere (“见书”, “见课本 p.120”, “see the slides”)
                      r"\s*[(（]?\s*(?:见|参见|参考|详见)\s*(?:书|课本|教材|讲义|PPT|ppt|slides?|原文|论文)[^，,。；;\n]{0,16}?\s*[)）]?\s*[。.]?\s*|"
                      r"\s*[(（]?\s*see (?:the )?(?:book|textbook|slides?|lecture notes|paper)\b[^.\n]{0,20}[)）]?\s*\.?\s*|"
                      r"\s*(?:(?:the\s+)?(?:prof|professor|lecturer|teacher|TA)\s+said\s+)?(?:it\s+)?(?:will\s+be\s+|to\s+be\s+)?"
                      r"(?:covered|discussed|explained)\s+(?:in\s+)?(?:the\s+)?(?:next\s+(?:lecture|class|week|session)|later)"
                      r"\s*[.!]*\s*", re.I)
# A fenced code block: code, whatever marks it holds.
FENCE = re.compile(r"^```.*?^```[^\S\n]*$", re.S | re.M)
# A single “*” that opens emphasis (at a word's start) or closes it (at a word's end); a “*”
# between numbers (“3*3”) is a product.
EMPHASIS_OPENS = re.compile(r"(?:^|(?<=[\s（(\[「“《]))\*(?=[^\s*\d])")
EMPHASIS_CLOSES = re.compile(r"(?<=[^\s*\d])\*(?=$|[\s.,;:!?)\]，。；：！？）])")
# Markdown that a card shows as literal marks: doubled emphasis, a role, an unclosed cloze.
LEAK = re.compile(r"\*\*\*\*|:(?:label|eqlabel|numref|eqref|cite):`|^\s*\*\*\s")
# A wiki's fold marks (“{{{ … }}}”) outside math, where LaTeX's braces may run three deep.
FOLD = re.compile(r"\{\{\{|\}\}\}")

MESSAGES = {
    "empty-answer": ("“{front}” 没有答案；在它下面写出答案，或删去它",
                     "“{front}” has no answer; write the answer under it, or remove it"),
    "answer-in-front": ("“{front}” 的问题已经说出了答案；把答案从问题所在的句子里移开",
                        "“{front}” gives its answer away; move the answer out of the sentence that asks"),
    "leaked-syntax": ("“{front}” 里有会原样显示的标记；检查 ** 与 [[ ]] 是否成对",
                      "“{front}” would show raw Markdown; check that ** and [[ ]] are paired"),
    "too-long": ("“{front}” 太长；把要问的事写成一句短话，细节放进列表",
                 "“{front}” is too long; state what to recall in one short sentence, details in a list"),
    "url-front": ("“{front}” 的问题是网址或文件名；给它写一个标题或术语",
                  "“{front}” asks about a URL or a file name; give it a heading or a term"),
    "reference-answer": ("“{front}” 的答案只是文献（作者、年份、链接或编号）；写出它们提出或说明了什么",
                         "the answer to “{front}” is only references (authors, year, link or number); write what "
                         "the work proposed or showed"),
    "score-answer": ("“{front}” 的答案只是扣的分（如“-3”），是评分的安排，不是要记的知识；写出这样答为什么错",
                     "the answer to “{front}” is only points taken off (such as “-3”): how it is graded, not what to "
                     "know; write why the answer is wrong"),
    "byline-answer": ("“{front}” 的答案只是帖子的信息（谁提的问、分类、是否已解决），不是要记的知识；写出帖子里学到的内容",
                      "the answer to “{front}” is only a post's particulars (who asked, its category, whether it is "
                      "answered), not what to know; write what the thread taught"),
    "link-answer": ("“{front}” 的答案只有链接或文件名；写出要记住的内容",
                    "the answer to “{front}” is only links or file names; write what to remember"),
    "no-subject": ("“{front}” 没有说问的是什么；在公式前写出它的名字",
                   "“{front}” does not say what it asks about; name it before the formula"),
    "duplicate-front": ("与第 {line} 行的卡片问题相同（“{front}”）；写明各自的条件或对象，让问题不同",
                        "asks the same as the card at line {line} (“{front}”); name the case each one covers"),
    "restated": ("“{front}” 的答案与第 {line} 行的卡片是同一个公式（又写了一遍，如速查表或小结）；只留一处，或写明两者的不同",
                 "“{front}” answers with the same formula as the card at line {line} (written again, as in a "
                 "summary); keep one, or say how they differ"),
    "course-rule": ("“{front}” 问的是课程或作业的规定（能不能、要不要），不是知识；这类问答留在课程的 FAQ 里",
                    "“{front}” asks about a course's or an assignment's rules (may I, do we need), not what to know; "
                    "keep it in the course's FAQ"),
    "setup-only": ("这段代码只有导入或设置，没有要记住的内容；写出它演示的那一步",
                   "this code only imports or sets up; nothing to recall; show the step it is for"),
    "unfinished": ("“{front}” 的答案停在半句（它后面的公式或列表没有跟上）；把后面的内容写进同一段",
                   "the answer to “{front}” stops mid-sentence (what followed it was left behind); "
                   "finish the sentence in the same paragraph"),
    "bracketed": ("“{front}” 里的公式写在括号中的旁注里，离开那句话说不清；把它写成一句完整的陈述",
                  "the formula in “{front}” sits in a remark in brackets and does not stand alone; write it "
                  "as a statement of its own"),
    "not-code": ("这段围栏里是图示或文字，不是代码；去掉 ``` 让它成为正文",
                 "this fence holds a diagram or prose, not code; remove the ``` so it reads as text"),
    "derivation-step": ("“{front}” 是推导中的一步（它承接前文），单独拿出来无法回答；把结论写成一行完整的公式",
                        "“{front}” is one step of a derivation (it builds on what came before) and cannot be "
                        "answered alone; state the result as a formula of its own"),
    "declaration": ("“{front}” 挖掉的只是记号或取值范围，不是要记住的内容；写出这个量是什么、怎么算",
                    "“{front}” hides only notation or a range, nothing to recall; write what the quantity is "
                    "or how it is computed"),
    "glue-code": ("这段代码只是调用别处定义的函数（训练、画图、读数据），没有可回忆的内容；写出被调用的那个函数",
                  "this code only calls helpers defined elsewhere (training, plotting, loading); nothing to "
                  "recall; show the function it calls instead"),
    "example": ("“{front}” 是举例用的（一个例子或例题里的内容），不是要记住的规律；把一般的公式或规律单独写成一行",
                "“{front}” belongs to an example (a worked case), not a rule to recall; state the general "
                "formula or rule on a line of its own"),
    "crossed-out": ("“{front}” 在笔记里被标成错的（删除线、NO、✗，“我写的：”一类自己的错答，或勘误里被更正的原文），不是要记住的结论；"
                    "写出正确的公式",
                    "“{front}” is marked wrong in the notes (struck through, NO, ✗, “What I wrote:”, one's own "
                    "wrong answer, or the original an erratum corrects), not a fact to recall; write the right formula"),
    "wrong-code": ("这段代码在笔记里被标成错的，或是改之前的版本（WRONG、有 bug、原代码），不是要记住的写法；只留改好的那一版",
                   "this code is marked wrong in the notes, or is the version before a fix (WRONG, buggy, "
                   "original code), not one to recall; keep only the fixed version"),
    "remark": ("“{front}” 后面是一句对它的评论（感受、猜测、做法、比较），不是它是什么；写一句“它是……”，或把评论写成完整的陈述",
               "what follows “{front}” is a remark on it (a feeling, a guess, a setting, a comparison), not what it "
               "is; write “it is …”, or make the remark a statement of its own"),
    "config-diff": ("这段 diff 只是实验改了哪个设置，不是修正；把得出的结论写成一句",
                    "this diff only records which setting a run changed, not a fix; state what the comparison showed in "
                    "a sentence"),
    "setup-commands": ("这段命令只是装环境（conda / pip / git clone），不是要记的知识；要记的命令单独写一行并说明它做什么",
                       "these commands only set up an environment (conda / pip / git clone), nothing to learn; put a "
                       "command worth recalling on its own with what it does"),
    "unnamed-code": ("“{front}” 没有说这段代码做什么，卡片答不出；在代码前写一句它要做的事"
                     "（如“用 torchrun 在一台机器的 4 张卡上启动训练：”）",
                     "“{front}” does not say what the code does, so the card cannot be answered; say what it does in "
                     "the line before it (“Launch training on the 4 GPUs of one machine:”)"),
    "example-code": ("“{front}” 里的函数只是示例（f、g 这样的名字），不是要记住的实现；写出它演示的方法本身",
                     "the functions in “{front}” are a worked example (named like f or g), not a method to "
                     "recall; show the method it demonstrates"),
    "about-the-text": ("“{front}” 的答案谈的是书或笔记本身（页码、章节），不是这个术语；写出它是什么",
                       "the answer to “{front}” talks about the book or the notes (a page, a chapter), not the "
                       "term; write what it is"),
    "undefined-names": ("“{front}” 问它输出什么，但它用到的 {names} 在笔记里哪里都没有定义，答不出也查不了；把定义写进这段代码",
                        "“{front}” asks what it prints, but it uses {names}, which the notes define nowhere: it can "
                        "be neither answered nor checked; put their definitions into the code"),
    "a-call": ("“{front}” 来自一个标题里的调用（其中的名字不是 PyTorch 这个位置的参数名），它写的是这次调用的取值，不是默认值；"
               "要记默认值，按文档照抄签名",
               "“{front}” comes from a call in a heading (its names are not the callable's parameters there): it "
               "gives that call's values, not the defaults; to learn the defaults, copy the documented signature"),
    "notation": ("“{front}” 问的是这份笔记自己的记号（一个字母在这里代表什么），不是要记住的知识；把它写在用到它的公式旁",
                 "“{front}” asks for the notes' own notation (what a letter stands for here), not knowledge to "
                 "recall; say it beside the formula that uses it"),
    "preamble": ("“{front}” 写在笔记开头、第一个小节之前，说的是这份笔记本身（来源、日期、范围），不是知识；"
                 "要做成卡片，把它写进一个小节",
                 "“{front}” stands in the note's opening lines, before its first section: it tells about the "
                 "notes themselves (a source, a date, the scope), not the subject; to make it a card, put it "
                 "in a section"),
    "equation-ref": ("“{front}” 指向一个编号公式（如“式(6.29)”），卡片上看不到它；把那个公式写进句子里",
                     "“{front}” points at a numbered equation (such as “eq. (3)”) the card does not show; "
                     "write that equation into the sentence"),
    "refers-back": ("“{front}” 的答案说的是“这个式子”，而卡片上没有那个式子；把式子写进答案",
                    "the answer to “{front}” speaks of “this formula”, which the card does not show; put the "
                    "formula into the answer"),
    "premise": ("“{front}” 里的公式是推理中设定的记号（“令……”），不是要记住的结论；写出它引出的结果",
                "the formula in “{front}” is a premise the text sets up (“let …”), not a result to recall; "
                "write the result it leads to"),
    "comparison-case": ("“{front}” 只是一个比较中的一项，卡片上看不出比的是什么；把比较写成问题（如“哪个参数最少？”）",
                        "“{front}” is one case of a comparison, and the card cannot say what is compared; write "
                        "the comparison as a question (“which has the fewest parameters?”)"),
    "worked-value": ("“{front}” 问的是例子中算出的一个数，不是规律；写出得到它的公式",
                     "“{front}” asks for a number worked out in an example, not a rule; write the formula "
                     "that gives it"),
    "long-output": ("这段代码的输出是一行行多位小数（或二十多行），背不下来也不必背；把要记住的结论写成一句话，"
                    "或在 print 后用 “# 输出：…” 写出关键的值",
                    "what this code prints is line after line of many-digit numbers (or over twenty lines), nothing to "
                    "recall; state the conclusion in a sentence, or write the value that matters after the print as "
                    "“# output: …”"),
    "no-task": ("这段代码既没有定义函数，也没有写出它的输出（运行它也没有得到确定的输出）；把要记住的步骤写成"
                "一个函数（def …），或在 print 后用 “# 输出：…” 写出结果",
                "this code neither defines a function nor says what it prints (and running it gave no steady "
                "output); put the step to remember in a function (def …), or write the result after the "
                "print as “# output: …”"),
    "symptom": ("“{front}” 只问症状；症状是认出问题的线索：把它写进问题，问原因或解决办法（如“loss 变成 nan：可能的原因？”）",
                "“{front}” asks only for a symptom, which is how one recognizes a problem: put it in the question "
                "and ask its cause or fix (“loss turns nan: likely causes?”)"),
    "old-view": ("“{front}” 后面是自己以前的看法（已经改了），不是要记住的结论；把现在的理解写成一句陈述",
                 "what follows “{front}” is a view one held before and has changed, not a fact to recall; state what "
                 "you understand now"),
    "plan-item": ("“{front}” 是计划里的一个时间段（要做什么），不是知识；留着它即可，它不会做成卡片",
                  "“{front}” is a slot of one's own plan (what to do when), not knowledge; keep it, it just makes no card"),
    "report-field": ("“{front}” 是汇报或报告本身的信息（谁写的、谁批改、谁指导），不是知识；留着它即可，它不会做成卡片",
                     "“{front}” is about the report itself (who wrote, marked or supervised it), not knowledge; keep "
                     "it, it just makes no card"),
    "legend": ("“{front}” 说的是笔记自己的颜色或记号的含义（图例），不是知识；留着它即可，它不会做成卡片",
               "“{front}” says what the notes' own colour or mark means (a key to them), not knowledge; keep it, it "
               "just makes no card"),
    "tally": ("“{front}” 记的是自己工作量或对错的计数（如“刷题 30 道”“❌ 11 条”），不是概念；要记的内容写成“术语：解释”",
              "“{front}” counts one's own work or marks (such as “Read 3 papers”, “❌ 11, ✅ 5”), not a concept; write "
              "what to remember as “term: explanation”"),
    "topic-list": ("“{front}” 后面列的是要掌握哪些方面（像考纲、复习清单），不是内容本身；把公式或理由本身写出来",
                   "what follows “{front}” lists what to know of it (as a syllabus or an exam's list of topics does), not "
                   "the knowledge itself; write the formula or the reason itself"),
    "label-term": ("“{front}” 的术语只是一个小标题（如“解析”“注意”），不是概念；用概念的名字作术语",
                   "the term of “{front}” is a label (such as “Note” or “Proof”), not a concept; use the "
                   "concept's name as the term"),
    "question": ("“{front}” 里的公式出现在一个问句中，不是陈述；把答案写成陈述句",
                 "the formula in “{front}” sits in a question, not a statement; write the answer as a statement"),
    "no-answer": ("问题“{front}”没有答案；在笔记里写出答案（一个以问题为标题的小节）",
                  "the question “{front}” has no answer; write one (a section headed by the question)"),
    "remark-only": ("“{front}” 后面只有一句提醒（如“注意！”），没有答案；写出要记住的内容",
                    "what follows “{front}” is only a warning (“careful!”), not an answer; write what to remember"),
    "result": ("“{front}” 记的是一次实验的结果（分数、准确率），不是规律；写出得到它的方法，或从中得出的结论",
               "“{front}” records what one experiment scored, not a rule; write the method that got it, or "
               "the lesson it taught"),
    "aside": ("“{front}” 下只有一句旁注，说不出它是什么；写一句“它是……”，或把这句旁注写成完整的陈述",
              "only one aside is written under “{front}”, and it does not say what that is; write “it is …”, "
              "or make the aside a statement of its own"),
    "machine-output": ("“{front}” 的输出取决于运行它的机器（GPU、版本），不是要记住的知识；写出它说明了什么",
                       "what “{front}” prints depends on the machine that runs it (a GPU, a version), not on "
                       "knowledge; write what it tells you instead"),
    "opinion": ("“{front}” 后面记的是某个人的看法，不是要记住的知识；把其中的结论写成一句陈述",
                "what follows “{front}” is what one person thinks, not knowledge to recall; state the fact "
                "itself"),
    "leans-on": ("“{front}” 用到前面代码块里的 {names}，单独一张卡片答不出来；把它写成完整的一段代码",
                 "“{front}” uses {names} from a block before it and cannot be answered on its own; make it "
                 "a complete snippet"),
    "todo-answer": ("“{front}” 的答案还没写完（结尾是 TODO、“没写完”，或只说“没细讲”）；写完这部分再生成卡片",
                    "the answer to “{front}” is not finished (it ends on a TODO, or only says “skipped”); finish "
                    "it and the card follows"),
    "todo-item": ("“{front}” 是给自己的待办（TODO），不是知识；做完后把学到的写成“术语：解释”",
                  "“{front}” is a to-do of one's own, not knowledge; once it is done, write what you learned as "
                  "“term: explanation”"),
    "letter-only": ("“{front}” 的答案只是一个选项字母，卡片上却没有选项；把选项写进题目，或把答案写成选项的内容",
                    "the answer to “{front}” is only an option's letter, and the card shows no options; put the "
                    "options in the question, or write the answer out"),
    "random-output": ("“{front}” 的答案是随机数的输出（即使设了种子，这些数本身也没有意义）；记它的形状、取值范围或用法",
                      "the answer to “{front}” is what a random draw printed (seeded or not, the numbers mean nothing); "
                      "remember its shape, range or use instead"),
    "transcript": ("这段代码是一次终端会话（命令和它的输出），不是要写出的代码；把要记的命令单独写在一个代码块里，说明它做什么",
                   "this block is a terminal session (a command and what it printed), not code to write; put the command "
                   "to remember in a block of its own and say what it does"),
    "output-without-input": ("“{front}” 问的是打印出的结果，但问题里没有写运行的是什么；把调用和输入写进问题（如 “`torch.bincount(idx)` 输出？”）",
                             "“{front}” asks what something printed, but the front does not show what was run; put the call "
                             "and its input in the question (“`torch.bincount(idx)` gives?”)"),
    "rendered-value": ("“{front}” 的答案是文档渲染时才算出的值（`r …`），笔记里没有写出来；把算出的值写进笔记",
                       "the answer to “{front}” is a value computed when the document is rendered (`r …`), not written "
                       "in the notes; write the value itself"),
    "blank-answer": ("“{front}” 的答案里还有待填的空（____）；把答案填进去，或把题目和答案分别写出",
                     "the answer to “{front}” still holds a blank to fill (____); fill it in, or write the question and "
                     "its answer apart"),
    "status-only": ("“{front}” 的答案只说了它的状态（新增、实验性、已弃用），没说它是什么；写出它做什么、什么时候用",
                    "the answer to “{front}” only gives its status (new, prototype, deprecated), not what it is; say "
                    "what it does and when to use it"),
    "unsure": ("“{front}” 的答案是一句还不确定的话（“要再确认”）；查清后写下确定的答案",
               "the answer to “{front}” is not settled yet (“not sure”, “to check”); write it once you know"),
    "turned-down": ("“{front}” 下面写着这张卡不好（“BAD.”）；删去它，或写出想要的那一张",
                    "under “{front}” the notes say the card is bad (“BAD.”); remove it, or write the one you want "
                    "instead"),
    "check-code": ("这段代码只是验证上文的说法（“验证一下：”），没有要默写的用法；把验证出的结论写成一句话",
                   "this code only checks what the text says (“Quick check:”), with nothing to write from memory; "
                   "state what it shows in a sentence"),
    "worked-output": ("这段代码每行旁写的是用例子里的数算出的值，不是要记住的用法；在行旁写形状或类型（如 # (2, 3)），"
                      "或把要记住的用法写成一句话",
                      "the values beside these lines are numbers worked out from the example, not behaviour to "
                      "recall; write shapes or dtypes beside them (# (2, 3)), or state the behaviour in a sentence"),
    "elsewhere": ("“{front}” 的答案只说答案在别处（如“见下文”）；把答案写在这里",
                  "“{front}” only says where its answer is (“see below”); write the answer here"),
    "as-above": ("“{front}” 的答案只说“同上”，离开上一条就看不懂；把它写完整",
                 "the answer to “{front}” only points to the item before it (“same but …”); write it out in full"),
    "facet-of-page": ("“{front}” 问的是某个东西的一面（它的问题、代价……），但这一页的标题不是一个东西的名字；在前面写出是谁的",
                      "“{front}” asks one side of something (its problem, its cost), but the page's title names no one "
                      "thing; write whose it is before it"),
    "marked-reply": ("“{front}” 后面是课上某人的回答（引号里的话和对它的判定），不是这个名字的定义；把要记的结论单独写成一句",
                     "what follows “{front}” is someone's reply in class (their words in quotes, then a mark), not what "
                     "the name is; state the point to remember on its own"),
    "personal": ("“{front}” 后面写的是自己的事（“我……”），不是要记住的知识；把其中的结论写成一句陈述",
                 "what follows “{front}” is about yourself (“I …”, “my …”), not knowledge to recall; state "
                 "the fact itself"),
    "open-question": ("“{front}” 后面写的是一个问题或一项任务，不是答案；写出答案，或写成 **Q:** …（换行）**A:** …",
                      "what follows “{front}” is a question or a task, not an answer; write the answer, or "
                      "write it as **Q:** … (new line) **A:** …"),
}


@lru_cache(maxsize=1 << 13)  # each gate asks for a front's words again
def _plain(text: str) -> str:
    return re.sub(r"[\s*`_$\\{}()（）,，.。:：;；!！?？]+", "", text).casefold()


def own_words(front: str, concept: str = "") -> str:
    """What a card's front says after the headings and labels it opens with (“A › B: …”). A
    heading's own colon (“Ch. 4 — Losses: the proofs › Softmax (eq. 4.10): …”, or the card's
    ``concept`` “Lecture 4: Softmax (eq. 4.10)” before it) is not where they end."""
    first, newline, rest = front.partition("\n")
    first = first.rsplit(" › ", 1)[-1]
    own = concept.rsplit(" › ", 1)[-1]  # (a concept named with its parent: what stands after the last “ › ”)
    for heading in dict.fromkeys((concept.strip(), _words(concept).strip(), own.strip(), _words(own).strip())):
        if heading and first.startswith(heading) and first[len(heading):len(heading) + 1] in (":", "："):
            first = first[len(heading):]
            break
    return (first + newline + rest).split("：", 1)[-1].split(": ", 1)[-1]


@lru_cache(maxsize=1 << 13)
def _words(text: str) -> str:
    """The front without its math and the code it shows: what names the subject."""
    return without_math(FENCE.sub("", text))


def machine_output(card: Card) -> str | None:
    """“>>> torch.cuda.is_available()” over “True”: the answer is the writer's machine."""
    if card.kind is CardKind.CODE and ("asks-output" in card.flags or "computed-output" in card.flags):
        return "machine-output" if MACHINE.search(card.code) else None
    return None


# A blank to fill in (“$L = $ ______”, “$y = \underline{\qquad}$”), not a name's underscores (`__init__`).
BLANK = re.compile(r"(?<![\w\\])_{3,}(?!\w)|(?:\\_){3,}|\\underline\{\s*(?:\\q?quad\s*)+\}|"
                   r"[_^]\{\s*\?\s*\}|[_^]\?")  # (“$s^X_{?}$”: an index the notes leave open, to ask about)


def empty_answer(card: Card) -> str | None:
    if card.kind is CardKind.CLOZE:
        return None if any(m.group(2).strip() for m in CLOZE.finditer(card.front)) else "empty-answer"
    if card.kind is CardKind.QUESTION and "needs-answer" in card.flags:
        return None  # the build looks for its answer elsewhere in the notes
    if "computed-output" in card.flags:
        return None  # its answer is what the code prints when it runs (see unrun)
    if LEADING_PLACEHOLDER.match(card.back) or _todo_note(card.back.strip()):
        return "empty-answer"  # “TODO (look into double descent)”: what will go here, not yet an answer
    if MARKS_ONLY.fullmatch(card.back) and any(MARKING_SECTION.search(part) for part in (*card.deck[1:], card.front)):
        return "empty-answer"  # “1'”, “2 分”: what a marking scheme gives the point, not the point
    if card.kind is CardKind.FORMULA and any(BLANK.search(f) for f in card.formulas):
        return "empty-answer"  # (“$$\frac{\partial L}{\partial z} = \underline{\qquad}$$”: a blank still to fill)
    if DEFERRED.fullmatch(card.back) or NOT_EXAMINED_ONLY.fullmatch(card.back):
        # “老师说下节课讲”: where the answer will come from, not the answer; “不考（好耶）”: that it is not examined
        return "empty-answer"
    return None if _plain(card.back) and not PLACEHOLDER.match(card.back) else "empty-answer"


def blank_said_around(cloze: str) -> bool:
    """The words around a blank say what it hides (“None 表示自动选择 … {{c1::None}}”)."""
    rest = CLOZE.sub(" ", cloze)
    return any(len(h) >= 3 and h in rest for h in (m.group(2).strip() for m in CLOZE.finditer(cloze)))


# An answer that is a function's name applied to one symbol and nothing more (“$\tanh x$”, “$\exp(x)$”).
NAME_ONLY = re.compile(r"\$\s*+\\?([A-Za-z]{2,}+)\s*+(?:\(\s*+[A-Za-z]\s*+\)|\{\s*+[A-Za-z]\s*+\}|[A-Za-z])?\s*+\$")


def answer_in_front(card: Card) -> str | None:
    if card.kind is CardKind.CLOZE:
        if "default" not in card.flags:
            return None
        return "answer-in-front" if blank_said_around(card.front) else None
    back = _plain(card.back)
    # (a question to choose or to judge shows what it chooses among on its front: the options, “True or false”)
    if len(back) >= 4 and back in _plain(card.front) and "choice" not in card.flags:
        return "answer-in-front"
    named = NAME_ONLY.fullmatch(card.back.strip()) if "choice" not in card.flags else None
    if named and re.search(rf"(?<![A-Za-z]){named.group(1)}(?![A-Za-z(])", without_math(card.front), re.I):
        # (“tanh 的表达式？” → “$\tanh x$”: the answer writes the name the front asks about in words; an identity,
        # “$\sin(\pi - x) = ?$” → “$\sin x$”, asks in math)
        return "answer-in-front"
    return "answer-in-front" if card.kind is CardKind.FORMULA and _front_says_it(card) else None


# A name applied to symbols and nothing more: “\textrm{Binomial}(n, p)”, “\mathrm{softmax}(\mathbf{O})”.
_SYMBOL_ARG = r"(?:\\(?:mathbf|boldsymbol)\{\\?[A-Za-z]+\}|\\?[A-Za-z]+)(?:_\{?[\w]+\}?)?"
NAME_CALL = re.compile(r"\s*(?:\\(?:textrm|mathrm|operatorname|text|mathsf|mathit)\s*\{\s*([A-Za-z][\w-]{2,})\s*\}|"
                       r"([A-Za-z]{3,}))\s*(?:\\left)?\(\s*" + _SYMBOL_ARG + r"(?:\s*,\s*" + _SYMBOL_ARG +
                       r")*\s*(?:\\right)?\)[\s.,;]*")
HIDDEN_RELATION = re.compile(r"\$*\s*(.*?)\s*(=|\\sim|\\leftarrow)\s*\?\s*\$*")


def _hidden_side(card: Card) -> tuple[str, str, str] | None:
    """The side a formula card hides (its spaces gone), and the words of the front before and after
    it: for ``$$X \\sim ?$$`` and the formula $X \\sim \\textrm{Binomial}(n, p)$, ``\\textrm{Binomial}(n,p)``."""
    span = hidden_formula(card.front)
    hole = HIDDEN_RELATION.fullmatch(card.front[span[0]:span[1]]) if span else None
    if hole is None:
        return None
    lhs = re.escape(re.sub(r"\s+", "", hole.group(1)))
    for formula in card.formulas:
        side = re.match(lhs + re.escape(hole.group(2)) + "(.*)$", re.sub(r"\s+", "", formula.strip().strip("$")))
        if side:
            return side.group(1), _words(card.front[:span[0]]), _words(card.front[span[1]:])
    return None


def _front_says_it(card: Card) -> bool:
    """Whether the side a formula card hides is only what its front already says in words: a name
    the front says on its own, applied to symbols (“Binomial: … $$X \\sim ?$$” for
    $X \\sim \\textrm{Binomial}(n, p)$), or the operation its sentence names, on two symbols
    (“defined as the maximum of that element and 0: $$\\operatorname{ReLU}(x) = ?$$” for $\\max(x, 0)$,
    “The ratio between the largest and the smallest eigenvalue …: $$\\kappa = ?$$” for
    $\\frac{\\Lambda_1}{\\Lambda_d}$). Anything more than symbols is what there is to recall."""
    hidden = _hidden_side(card)
    if hidden is None:
        return False
    side, before, after = hidden
    *steps, end = top_level_parts(side, r"(?<![<>!\\])=")
    # a chain of equalities alone (no clause, bound or list in it) that ends where the front already
    # is (“… the full gradient $\nabla f(x)$ because $$E \nabla f_i(x) = ?$$”)
    if steps and not CHAIN_BREAK.search(side):
        written = card.front[:hidden_formula(card.front)[0]]
        if re.sub(r"\s+", "", end).rstrip(".,;") in {re.sub(r"\s+", "", b) for _, _, b, _ in math_spans(written)}:
            return True
    called = NAME_CALL.fullmatch(side)
    if called:
        name = called.group(1) or called.group(2)
        span = hidden_formula(card.front)
        if re.search(rf"(?<![A-Za-z\\]){re.escape(name)}(?![A-Za-z])", card.front[span[0]:span[1]], re.I):
            return False  # (“Softmax: $\mathrm{softmax}(z + c) = ?$”: what the same function gives, not its name)
        return _said_alone(name, f"{before} {after}")
    if _spelled_out(side, without_math(f"{before} {after}")):
        return True
    # the sentence that leads to it, though it ended before the formula (“…之比称为条件数。 $$\\kappa = ?$$”)
    sentence = re.split(r"[。！？；;!?]|\.\s|\n\s*\n", before.rstrip().rstrip("。！？；;!?.：:，, "))[-1]
    side = re.sub(r"\\(?:left|right)(?![A-Za-z])", "", side).rstrip(".,;")
    return any(re.search(words, sentence, re.I) and re.fullmatch(operator, side) for words, operator in OPERATIONS)


# The Greek letters a formula is written with, and the words that read an operation aloud (“x 减 mu 除以根号下 sigma 方加
# epsilon”, “x minus mu over sigma”).
GREEK = ("alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "kappa", "lambda", "mu", "nu",
         "xi", "pi", "rho", "sigma", "tau", "phi", "varphi", "chi", "psi", "omega")
SPOKEN_OPERATION = re.compile(r"(?<![增参更追添])加(?!速|快|强|大|深|入)|(?<![增衰递缩删裁])减(?![少小弱缓])|除以|乘以?|根号|平方|"
                              r"\b(?:plus|minus|times|divided by|over|square root|squared)\b", re.I)


def _spelled_out(side: str, words: str) -> bool:
    """Whether the words of the front read the hidden side aloud: every Greek letter of it, two or more, by name, each
    right beside an operation (“公式就是 x 减 mu 除以根号下 sigma 方加 epsilon” over $\\hat x = ?$; not “fixed by mu_0
    and epsilon_0 … over a century”)."""
    letters = {name.removeprefix("var") for name in re.findall(r"\\([a-z]+)(?![A-Za-z])", side) if name in GREEK}
    if len(letters) < 2:
        return False
    operations = [m.span() for m in SPOKEN_OPERATION.finditer(words)]
    starts = [start for start, _ in operations]
    for name in letters:
        said = [m.span() for m in re.finditer(rf"(?<![A-Za-z\\]){name}(?![A-Za-z])", words, re.I)]
        # (the operations near each naming, found by bisection: a long page of names is still read once)
        if not any(0 <= start - op_end <= 6 or 0 <= op_start - end <= 6
                   for start, end in said
                   for op_start, op_end in operations[max(0, bisect_left(starts, start - 40)):bisect_left(starts, end + 10)]):
            return False
    return True


# What ends a chain of equalities: words, a bound, a list.
CHAIN_BREAK = re.compile(r"\\(?:text\w*|mbox|le|leq|ge|geq|approx|neq|quad|qquad)(?![A-Za-z])|[<>,;]")


def _said_alone(name: str, text: str) -> bool:
    """Whether ``text`` says ``name`` as a word of its own, not as part of another term
    (“softmax回归”, “softmax regression”, “multi-head attention” name other things)."""
    for match in re.finditer(re.escape(name), text, re.I):
        # (a Latin word beside it, or a Chinese one right against it; “二项分布 Binomial” is a gloss)
        if not (re.search(r"[A-Za-z][\s-]*$|[\u3400-\u9fff]$", text[:match.start()])
                or re.match(r"[\s-]*[A-Za-z]|[\u3400-\u9fff]", text[match.end():])):
            return True
    return False


# An operation said in words, and the formula that does it to two symbols (or numbers).
_OPERAND = r"(?:\\(?:mathbf|boldsymbol)\{\\?[A-Za-z]+\}|\\?[A-Za-z]+|\d+(?:\.\d+)?)(?:_\{?\w+\}?)?"
OPERATIONS = [(r"\b(?:maximum|larger|greater) of\b|最大值|较大者", rf"\\max\(\s*{_OPERAND}\s*,\s*{_OPERAND}\s*\)"),
              (r"\b(?:minimum|smaller|lesser) of\b|最小值|较小者", rf"\\min\(\s*{_OPERAND}\s*,\s*{_OPERAND}\s*\)"),
              (r"\bratio (?:between|of)\b|之比|比值", rf"\\frac\{{{_OPERAND}\}}\{{{_OPERAND}\}}")]


def leaked_syntax(card: Card) -> str | None:
    front = _words(FENCE.sub("", card.front))  # (the code a question shows is code: “y ** 2”)
    if LEAK.search(front) or LEAK.search(FENCE.sub("", card.back)) or re.sub(r"`[^`\n]*`", "", front).count("**") % 2 \
            or FOLD.search(front) or ("{{{" in card.back or "}}}" in card.back) and FOLD.search(_words(card.back)):
        return "leaked-syntax"
    bare = re.sub(r"`[^`]*`", "", front) if "*" in front else ""
    if bare and len(EMPHASIS_OPENS.findall(bare)) > len(EMPHASIS_CLOSES.findall(bare)):
        return "leaked-syntax"  # “*[Also: … $p = ?$”: an aside whose closing mark the card cut off
        # (a star after a word with none before it is a name's: “A* search”, “w*”)
    if card.kind is not CardKind.CLOZE and CLOZE_OPEN.search(card.front):
        return "leaked-syntax"
    if card.kind is CardKind.CLOZE and CLOZE_OPEN.search(CLOZE.sub("", card.front)):
        return "leaked-syntax"
    return None


def too_long(card: Card) -> str | None:
    front = CLOZE.sub(r"\2", card.front) if card.kind is CardKind.CLOZE else card.front
    if "computed-output" in card.flags or "asks-output" in card.flags or "shows-code" in card.flags:
        front = front.split("```", 1)[0]  # the code it shows is measured in lines, below
    if "shows-code" in card.flags and len(card.front.split("```")[1].splitlines()) > MAX_CODE_LINES:
        return "too-long"  # (a bug to spot in forty lines is no card either)
    # (a choice question shows its options too: the stem and four of them)
    limit = MAX_BACK if card.kind is CardKind.CLOZE else 2 * MAX_FRONT if "choice" in card.flags else MAX_FRONT
    # the code the answer shows (a function without the lines that try it out), else all of it
    shown = card.back.split("\n", 1)[-1].rsplit("\n```", 1)[0] if card.back.startswith("```") else card.code
    if card.kind is CardKind.CODE and len(shown.splitlines()) >= MAX_CODE_LINES:
        return "too-long"  # nobody writes forty lines from memory; the card would be skipped
    return "too-long" if len(front) > limit or len(card.back) > MAX_BACK else None


def url_front(card: Card) -> str | None:
    return "url-front" if URL_OR_FILE.search(re.sub(r"`[^`]*`", "", _words(card.front))) else None


def score_answer(card: Card) -> str | None:
    """“Forgets bias in param count → -0.5 per row, cap -2”: a grader's deduction, not a fact. A bare
    negative number is one only where the card speaks of deductions (“cos π?” → “-1” is a fact)."""
    if card.kind is CardKind.CODE or not DEDUCTION.fullmatch(card.back):
        return None
    said = " ".join((card.front, *card.deck))
    return "score-answer" if POINTS_WORD.search(card.back) or GRADING.search(said) else None


# Who wrote a post (“asked by **@kbrandt-ml**”, “posted by u/throwaway”, “楼主：小王”), and the words that say what a
# post is beside it (“Q&A”, “✅ Answered”, “已解决”).
# (a handle, “@x” or “u/x”: “answered by Turing (1936)”, “started by torchrun” are history and facts)
BYLINE = re.compile(r"\b(?:asked|posted|answered|replied|opened|submitted|started|edited)\s++by\s*+[:：]?\s*+\**+\s*+"
                    r"(?:@|u/)[\w.-]++\**+|(?:提问者|提问人|发帖人|楼主|题主)\s*+[:：]\s*+\S++", re.I)
POST_STATUS = re.compile(r"[✅✔☑]\ufe0f?|\b(?:un)?answered\b|\b(?:resolved|solved|locked|pinned)\b|"
                         r"\bq\s*+&\s*+a\b|已解决|未解决|已回答|已采纳|置顶", re.I)


def byline_answer(card: Card) -> str | None:
    """“what is its category?” → “Q&A · asked by **@kbrandt-ml** · ✅ Answered”: a post's particulars, not a fact."""
    if card.kind is CardKind.CODE or not BYLINE.search(card.back):
        return None
    rest = POST_STATUS.sub(" ", BYLINE.sub(" ", card.back))
    return "byline-answer" if len(re.findall(r"[^\W\d_]{2,}|[\u4e00-\u9fff]", rest)) <= 2 else None


def course_rule(card: Card) -> str | None:
    """“Can I use pretrained weights?” → “Not for Parts 1–3; the autograder checks”, “期末可以带计算器吗？”: what a course
    allows or requires, not a fact (“Can I use BCELoss on logits?” → “No, …” is one; “Can we retry a POST?” → “…
    a second submission” is one, in software's own words)."""
    if card.kind not in (CardKind.MANUAL, CardKind.QUESTION):
        return None
    front = _words(card.front)
    if not (PERMISSION.match(front) or PERMISSION_ZH.search(front)):
        return None
    return "course-rule" if COURSE_ONLY.search(card.back) or EXAM_NAMED.search(front) \
        or COURSE_PAGE.search(" ".join(card.deck)) and re.search(r"\b(?-i:Parts?) \d", card.back) else None


# A question of what one may or must do (“Can I …”, “Do we need …”, “Is it OK to …”, “我可以…吗”).
PERMISSION = re.compile(r"\s*+(?:(?:can|may|could) (?:i|we)\b|do (?:i|we) (?:really |still )?(?:need|have) to\b|"
                        r"do (?:i|we) (?:really |still )?need\b|(?:am i|are we) (?:allowed|required|supposed)\b|"
                        r"is it (?:ok|okay|fine|allowed|alright) (?:to|if)\b|which .{1,40}? do (?:we|i) need\b)", re.I)
PERMISSION_ZH = re.compile(r"(?:我|我们|我們)?(?:可以|能不能|可不可以|需不需要|要不要)\S{0,12}[吗嗎？?]")
# What only a course has (“the autograder”, “Gradescope”, “late days”, “作业”, “助教”): words that in other subjects
# mean other things (a submission, a deadline, a grade, Part 36, 提交, 截止, 评分) are not among them.
COURSE_ONLY = re.compile(r"\b(?:auto-?grader|Gradescope|Piazza|psets?|problem sets?|late days?|office hours|starter code|"
                         r"(?:the|this|our|each) (?:assignment|homework|handout|lab report|project report))\b|\b(?-i:TAs?)\b|"
                         r"作业|作業|助教|实验报告|實驗報告|学习通|學習通", re.I)
# A page about one assignment of a course (“A2 Starter Code — FAQ”, “HW3 FAQ”, “Lab 4 questions”, “作业3 答疑”): there, an
# answer by the assignment's parts (“Not for Parts 1–3”) is its rule.
COURSE_PAGE = re.compile(r"\b(?:starter code|(?:assignment|homework|hw|pset|problem set|lab|project)\s*\d+|(?-i:A\d{1,2})|"
                         r"(?:course|class) faq)\b|(?:作业|作業|实验|實驗)\s*\d+", re.I)
# An exam the question is about (“May we bring notes to the midterm?”, “期末可以带计算器吗？”).
# (“the final” only where it ends the question: “the final value theorem”, “the final dose” are other things; 期末 alone is
# also the end of a period)
EXAM_NAMED = re.compile(r"\b(?:midterms?|final exams?|in-class (?:test|quiz))\b|\b(?:the|our) final(?=\s*[?？]|\s*$)|"
                        r"期[中末](?:考试|考試|考|复习|複習|(?=\s*(?:可以|能不能|能|需要|要不要|允许|带)))|开卷|開卷|闭卷|閉卷|"
                        r"随堂测验", re.I)


# Points taken off, and how they add up (“-3”, “−2 each”, “-0.5 per row, cap -2”, “-5 (see general rules)”).
DEDUCTION = re.compile(r"\s*+[-−–]\s*+\d++(?:\.\d++)?\s*+(?:pts?|points?|marks?|分)?(?:\s*+(?:per|each|every|/)(?:\s*+[A-Za-z]++){0,2})?"
                       r"(?:\s*+[,，;；]\s*+cap\s*+[-−–]?\s*+\d++(?:\.\d++)?)?\s*+(?:[(（][^()（）\n]*+[)）])?\s*+[.。]?\s*+", re.I)


# How a deduction says it is one (“pts”, “per row”, “cap -2”), and words about grading.
POINTS_WORD = re.compile(r"\b(?:pts?|points?|marks?|per|each|every|cap)\b|分", re.I)
GRADING = re.compile(r"\bdeduct|\brubrics?\b|\bgrading\b|扣分|评分", re.I)


def link_answer(card: Card) -> str | None:
    lines = [line for line in card.back.splitlines() if line.strip()]
    if not lines or card.kind is CardKind.CODE:
        return None
    if all(CITATION_NUMBERS.fullmatch(line) for line in lines):
        return "reference-answer"  # (“**线性/低秩** 的代表工作？” over “[6][7][8][18]”: the list they point into is not on the card)
    if all(REFERENCE_LINE.fullmatch(line) for line in lines):
        if ASKS_WHOSE.search(card.front):
            return None  # (“Who proposed dropout?” over “Srivastava et al., 2014. [JMLR](…)”)
        if card.kind is CardKind.DEFINITION:
            return "reference-answer"
    return "link-answer" if all(LINK_LINE.match(line) or _only_links(line) or CROSS_REF.fullmatch(line)
                                for line in lines) else None


# A work cited by its authors and year with a link to it (“Ioffe & Szegedy, 2015. [arXiv:1502.03167](…)”,
# “Ba, Kiros & Hinton (2016) https://arxiv.org/abs/1607.06450”), as what a term is: where an idea comes from,
# not the idea; unless the card asks who, when or where (“Who proposed BatchNorm?”, “出自哪篇论文？”).
_AUTHOR = r"(?:[A-Z](?:[a-z]++(?:[A-Z][a-z]++)?|[A-Z][a-z]++)|[A-Z]\.)(?:[ -][A-Z][a-z]++)?"  # (“Ioffe”, “LeCun”, “J.”)
REFERENCE_LINE = re.compile(
    rf"\s*(?:[-*+]\s+)?{_AUTHOR}(?:(?:,| and| &|, and|, &) {_AUTHOR})*(?: et al\.?)?,? \(?\d{{4}}[a-z]?\)?[.,;:]?"
    r"(?:\s*(?:\[[^\[\]]*\]\([^)]*\)|<?https?://\S+>?|arXiv:\s*\d{4}\.\d{4,5}(?:v\d+)?|doi:\s*\S+)[.,;]?)+\s*")
# Works cited only by their numbers in the text's reference list (“[6][7][8][18]”, “[2][5–7]”); one pair of
# brackets may hold values (“[0, 255]”, “[3, 4, 6, 3]”, “[1–5]”).
CITATION_NUMBERS = re.compile(r"\s*+(?:[-*+]\s++)?(?:\[[1-9]\d*+(?:\s*+[-–]\s*+[1-9]\d*+)?\](?:\s*+[,，、;；])?\s*+){2,}"
                              r"[.。]?\s*+")
ASKS_WHOSE = re.compile(r"\b(?:who|whom|whose|when|where|which|source|origin(?:al)?|cited?|references?)\b|"
                        r"what (?:paper|work|article|year)|谁|哪|何时|什么时候|出处|出自|来源|提出|作者", re.I)


# A reference to an equation, a figure or a section of the notes (Quarto “@eq-ce”, MyST {eq}`label`,
# LaTeX “\eqref{eq:ce}”, “式 (3.2)”): where the answer is, not the answer.
_REF = (r"(?:@(?:eq|fig|tbl|sec|thm|lem|def)-[\w-]+|\{(?:eq|numref|ref)\}`[^`]+`|\\(?:eq)?ref\{[^{}]+\}|"
        r"(?:见|参见)?\s*(?:式|公式|图|表)\s*[(（]?\d+(?:\.\d+)*[)）]?|\(\s*\d+(?:\.\d+)*\s*\))")
CROSS_REF = re.compile(rf"\s*(?:[-*+]\s+)?{_REF}(?:\s*(?:[,，;；、]|and|和)\s*{_REF})*\s*[.。]?\s*")


# A link (not an image: a figure is content of its own).
ANY_LINK = re.compile(r"(?<!!)\[\[[^\[\]]*\]\]|(?<!!)\[[^\[\]]*\]\([^)]*\)|<?https?://\S+>?")


def _only_links(line: str) -> bool:
    """“Related: [[Backpropagation]] · [[ResNet]]”: links with at most a short label and
    separators between them."""
    if not ANY_LINK.search(line):
        return False
    rest = ANY_LINK.sub(" ", line)
    rest = re.sub(r"^\s*(?:[-*+]|\d+[.)])?\s*(?:[\w ]{1,24}[:：])?", "", rest)
    return not re.search(r"\w{2}", re.sub(r"\b(?:and|or|see|also)\b|[·|,，;；/&、和与及]", " ", rest))


def setup_only(card: Card) -> str | None:
    """Code that only imports or configures has nothing to recall."""
    lines = [l.strip() for l in card.code.splitlines() if l.strip() and not l.strip().startswith("#")]
    return "setup-only" if card.kind is CardKind.CODE and lines and all(SETUP_LINE.match(l) for l in lines) else None


# The words a sentence ends on when what it introduces (a formula, a list) comes after it.
UNFINISHED = re.compile(
    r"(?:[:：,，;；]|(?<![\w-])(?:is|are|was|were|be|by|as|of|the|a|an|to|and|or|with|that|which|where|given|"
    r"follows|becomes|yields|gives|namely|i\.e\.|into|than|because|since|but|via|using)|"
    r"即|为|是|有|如下|可得|得到|则|其中|满足|→|⇒|->|=>)\s*$", re.I)


def unfinished(card: Card) -> str | None:
    """A definition whose text stops where the formula or list it announces should follow,
    or (in Chinese) runs on through clauses and stops without ending its sentence."""
    if card.kind is not CardKind.DEFINITION:
        return None
    last = card.back.rstrip().splitlines()[-1] if card.back.strip() else ""
    if UNFINISHED.search(last):
        return "unfinished"  # one that ends in math is complete
    if card.lang == "zh" and not UNENDED_OK.search(last) and LEADS_ON.match(re.split(r"[，,]", last)[-1]):
        return "unfinished"  # “…，具体地，给定数据集”: a formula was to follow
    return None


# A last clause that announces what comes next (“给定数据集”, “例如”, “对于”).
LEADS_ON = re.compile(r"\s*(?:具体地|具体来说|具体而言|例如|比如|给定|设|令|如下|即|其中|对于|当|假设|若|如果)")
# How a Chinese sentence may end: its mark, a closing bracket or quote, math, code.
UNENDED_OK = re.compile(r"[。！？；…!?;.)）」』”\"'$`\]】]\s*$")
DIRECTIVE_LINE = re.compile(r"^\s*(?::[\w-]+:.*|[\w./-]+)\s*$")
ARROWS = re.compile(r"[→←↔⇒⇐⟶⟵↦↓↑]")


def not_code(card: Card) -> str | None:
    """A fence without a language that holds a diagram or sentences is no code to recall; nor
    is a documentation directive (a table of contents: options and bare names)."""
    if card.kind is CardKind.CODE and card.code.strip() and all(
            DIRECTIVE_LINE.match(line) for line in card.code.splitlines() if line.strip()):
        return "not-code"
    if card.kind is not CardKind.CODE or card.language not in ("", "text", "txt", "plain", "plaintext") \
            or commands(card.code):
        return None
    try:
        ast.parse(card.code)
        return None
    except (SyntaxError, ValueError):
        pass
    text = re.sub(r"\s", "", card.code)
    cjk = sum(1 for c in text if "\u3400" <= c <= "\u9fff")
    # “J~(w) = J(w) + λ/2 · ||w||²”: a formula typed as text, no program
    formula = len(card.code.strip().splitlines()) <= 3 and re.search(r"[=≈≤≥]", card.code) \
        and re.search(r"[α-ωΑ-Ω²³·∑∏√∂∇≈≤≥→]", card.code)
    lines = [line for line in card.code.splitlines() if line.strip()]
    # “lr (max) = 3e-3”, “scheduler: OneCycleLR”: a list of settings, written down; “iteration 100 /
    # 1500: loss 288.0”: what a program printed. Neither is a program.
    settings = sum(bool(SETTING_LINE.match(line) or not CODE_MARK.search(line)) for line in lines) >= 0.8 * len(lines) \
        or sum(bool(re.search(r"\d(?:\.\d+)?%?\s*$", line)) and not re.match(r"\s*[A-Za-z_][\w.]*\s*=", line)
               for line in lines) >= 0.8 * len(lines)  # (a table of results: a name, then its number)
    # (“ (4, 3)      (3,) -> (1, 3)” over “[a a a]    +    [b0 b1 b2]”: columns lined up by spaces, a diagram or a table)
    # (not a struct laid out by gofmt or by hand: “struct point {” over “    int     x;”)
    aligned = len(lines) >= 2 and sum(bool(ALIGNED_LINE.search(line)) for line in lines) >= 0.6 * len(lines) \
        and not any(line.rstrip().endswith(("{", ";")) for line in lines)
    return "not-code" if ARROWS.search(card.code) or cjk * 2 > len(text) or formula or settings or aligned else None


CODE_MARK = re.compile(r"[()=\[\]{}]")
ALIGNED_LINE = re.compile(r"\S {4,}(?![#/;-])\S")  # (a comment lined up after code, “g = grad(w)      # gradient”, is code)
SETTING_LINE = re.compile(r"\s*[\w][\w .()/-]{0,40}?\s*[=:]\s*(?![^\n]*(?:[*'/^]|\w\())\S")  # no sum, no call


# Words that make a sentence one step of a derivation: it stands on what came before it.
BACK_REFERENCE = re.compile(
    r"\b(?:since|thus|hence|therefore|consequently|dividing|substituting|plugging|rearranging|it follows|"
    r"the above|(?:right|just|directly|immediately) above|the (?:RHS|LHS|right[- ]hand side|left[- ]hand side)|"
    r"we (?:then |thus |now )?(?:have|get|obtain)|which gives|this gives|yields)\b|"
    r"\bin other words\b|等式(?:右边|左边)|右端|左端|因为|所以|由于|又由|代入|带入|代回|上式|以上|于是|因此|从而|可得|即得|可知|解得|求得|"
    r"进而|化简|抵消|由此|我们有|同理|移项|整理|展开|变形|两边|求导|即有|也就是|换言之|扩展.{0,8}定义|递归地|"
    r"\b(?:similarly|equivalently|rewriting|rewrite|simplifying|expanding|differentiating|setting the \w+ to)\b|"
    r"重写|改写|去掉|消去|约去|略去|先求|求解|换元|(?:上述|上面的?|前面的?)(?:推导|结果|式子|等式|乘积|不等式)|"
    r"\b(?:the|this|that) (?:product|sum|expression|equation|result|derivation|bound|inequality) above\b|"
    r"\b(?:this|it|the same) (?:also |still )?holds\b|同样成立|也成立|"
    # (the case the lines before set up: “In this case we can write”, “the sum of these is”)
    r"(?:^|[.;:]\s*)in (?:this|that|such a) case\b|在(?:这种|此|该)情况下|\b(?:of|from|for) these\s+(?:is|are|gives?|yields?)\b|"
    r"^\s*由[^，,。；;]{0,24}?(?:不等式|定理|引理|性质)|\bby (?:the )?\S+(?:'s)? (?:inequality|theorem|lemma)\b|"
    r"\bwe use(?: the fact)?(?: that)?\s*[:,]?\s*$|\b(?:use the fact|to see (?:that|this|why)|such that|there exists?|"
    r"according to|by defining|"
    r"recall that|note that|to prove|we (?:now )?prove|proving)|注意到|回想|回忆|^\s*又(?![称叫名])|^\s*则|"
    r"^\s*(?:证明|proof)\s*[:：.]|先证|下证|欲证|要证|即证|得证|在证明|推导|\bderivation\b|显然|"
    r"(?:^|[,，;；])\s*则\s*$|[,，]\s*说明|[将把]\s*式\s*[(（]?\d|"
    r"[两二]者(?:的|之间的?)?关系|前者|后者|\bthe (?:former|latter)\b|"  # (what the text named before)
    r"^\s*[a-h][.)]\s|^\s*(?:\*\*)?[(（][a-h][)）](?:\*\*)?\s|"  # (“b. Fit a tree …”, “**(b)** p(y₁): …”: a lettered step or part)
    r"^\s*(?-i:So)(?![-\w])|^\s*那(?![么些个里样])|^\s*(?:this|that|these) (?:shows|means|gives|implies|makes|is why)\b|"
    r"^\s*这(?:比|说明|表明|显示了?|意味着|就是说)|\bsame (?:trick|idea|argument|reasoning|steps?|way) (?:again|as (?:above|before))\b|"
    r"原式|[两二]式相[减加除乘]|相[减加]得|"
    r"(?:[左右]乘|两边同[乘除]以?)\s*(?:\$[^$]+\$|[A-Za-z]\w*)?\s*(?:[:：,，]|得)|\bmultiply(?:ing)? (?:both sides|on the (?:left|right))\b|"
    r"\d+(?:\.\d+)+\s*节|第\s*[\d一二三四五六七八九十]+\s*[节章]|"
    r"(?<![值记懂获晓])得(?:到)?\s*[:：,，]?\s*$|^\s*\\?[(（]\d+\\?[)）]|第\s*\d+\s*行|\b(?:line|step)\s+\d+\b",
    re.I | re.M)


# A numbered equation named in the sentence (“式(6.29)”, “eq. (3)”, “公式 3.2”): the card leans on it.
EQUATION_REF = re.compile(r"式\s*[(（]?\s*\d|公式\s*[(（]?\d|\b(?:eq|eqn|equation)s?\.?\s*[(]?\d|"
                          r"^\s*\d+\.\d+\s*的|@eq-[\w-]|"  # (and Pandoc's “@eq-loss”)
                          # circled numbers combined or pointed at (“① × λ₂ − ②”, “代入①”)
                          r"[\u2460-\u2473][^\u2460-\u2473]{0,24}[-−+×÷][^\u2460-\u2473]{0,24}[\u2460-\u2473]|"
                          r"(?:由|根据|代入|结合|利用|把|将|\bby|\bfrom|\binto)\s*[\u2460-\u2473]|"
                          # a bare number in brackets after a word that points (“via (2)”, “w/ (1) + (8)”)
                          r"(?:\b(?:via|from|by|using|with|w/|see|per|into|put(?:ting)?|appl(?:y|ies|ying)|combin(?:e|es|ing)|"
                          r"maximi[sz](?:e|es|ing)|minimi[sz](?:e|es|ing)|solv(?:e|es|ing)|optimi[sz](?:e|es|ing)|"
                          r"satisf(?:y|ies|ying)|subject to)|"
                          r"由|根据|代入|结合|利用|[+＋])\s*[(（]\d+(?:\.\d+)*[)）]", re.I | re.M)


# Points numbered in a sentence (“splits into (1) a reconstruction term and (2) a KL term”): no equations.
ENUMERATED = re.compile(r"[(（]1[)）]\s*[^()（）\n]*?\w+\s+\w+[^()（）\n]*?[(（]2[)）]")


def equation_reference(card: Card) -> str | None:
    """A formula whose sentence points at a numbered equation cannot be answered without it."""
    if card.kind is not CardKind.FORMULA or card.plain_formula:
        return None
    prompt = own_words(_words(card.front), card.concept)
    if ENUMERATED.search(prompt):
        return None
    run = EQUATION_RUN.search(card.front)
    if run and not USES_EQUATIONS.search(card.front[:run.start()].rsplit("\n", 1)[-1]):
        return None  # “The standard equations (10.8–10.11), copied:” over them: the numbers of what it shows
    return "equation-ref" if EQUATION_REF.search(prompt) else None


# Words that use numbered equations rather than copy them (“Using (2)–(4)”, “由式 (3.1)–(3.4)”, “联立”).
USES_EQUATIONS = re.compile(r"\b(?:using|use|from|by|via|with|plug\w*|sub\w*|combin\w*|apply\w*|solv\w*)\b|"
                            r"由|根据|代入|带入|结合|利用|联立|把|将|用", re.I)
# A sentence that numbers the run of equations it introduces, and says nothing more after the numbers
# (“equations (10.8–10.11), copied:”, “式 (3.1)–(3.4) 如下：”): those equations are the ones on the card.
EQUATION_RUN = re.compile(r"[(（]\s*\d+(?:\.\d+)*\s*[)）]?\s*(?:[–—~～-]|to|至|到)\s*[(（]?\s*\d+(?:\.\d+)*\s*[)）]"
                          r"(?:\s*[,，]?\s*(?:copied|as follows|are|read|如下|为|分别为|是|抄录?如下))?"
                          r"\s*[:：]\s*\n\s*\n\s*\$\$", re.I)


# Words that name the formula they lead to as a definition or a formula of its own (“感知机模型的公式可表示为”,
# “距离公式为”, “其展开式如下”, “Rand Index 定义如下”, “is defined as follows”, “the formula for the
# margin is”): it holds on its own, even among the steps of a derivation.
NAMES_THE_FORMULA = re.compile(r"(?:定义|公式|展开式)(?:可(?:进一步)?(?:表示|写)?)?(?:如下|为)\s*[:：]?\s*$|"
                               r"\b(?:is|are) defined (?:as follows|by)\s*[:,]?\s*$|"
                               r"\bthe formula (?:for|of)\b[^.;]{1,60}\b(?:is|reads)\s*[:,]?\s*$", re.I)
# Words by which a clause goes on from what came before it (“代入上式”, “所以”, “thus”); the card rules'
# LEANS_BACK and WORKS_ON below add their own.
BACK_WORDS = r"上式|上述|上面|以上|前式|前面|所以|因此|同理|于是|从而|可得|化简|改写|代入|带入|变形"
BACK_WORDS_EN = r"above|earlier|hence|thus|therefore|substitut\w*"
# … but not in a clause that works on what came before: a rewriting (“上述公式可写为”, “这个公式可写为”)
# or a step (“整理后的公式为”, “代入后损失公式可写为”, “所以权重的更新公式为”, “Thus …”).
WORKS_ON = re.compile(rf"{BACK_WORDS}|这个?|该|此|整理|移项|重写|得到|求得|解得|故而|"
                      rf"\b(?:{BACK_WORDS_EN}|so|rewrit\w*|rearrang\w*|simplif\w*|previous\w*)\b", re.I)
# The sentence after a display formula that names it (“则称 $f$ 为凸函数”, “is called the Hessian”): a definition.
NAMED_AFTER = re.compile(r"\s*(?:则称|并称|称为|称之为|称其为|被称为|\b(?:is|are) (?:called|known as)\b|"
                         r"\bwe call (?:this|it|them)\b)", re.I)
# … or, after a lead that says it will name it (“并称以下列向量”), one that starts with “为”
# (a “称” that is no part of a word: not “对称”, “名称”).
NAMING_LEAD = re.compile(r"(?<![对相匀名职声号俗自简])称[^，,。；;]{0,12}$")
# The first clause of a sentence, its math whole (an English full stop ends it, a decimal point does not).
FIRST_CLAUSE = re.compile(r"(?:\$[^$]*\$|[^$，,。；;!?！？\n.]|\.(?!\s|$))*(?:。|\.(?=\s|$))?")


def names_it_after(after: str, lead: str) -> bool:
    """Whether the words right after a display formula (``after``) name it, the words before it
    being ``lead`` (its math left out): “则称 …”, “is called …”, or “为 …” after “并称以下列向量”."""
    after = after.strip()
    return NAMED_AFTER.match(after) is not None or \
        after.startswith("为") and NAMING_LEAD.search(lead.rstrip(" ：:")) is not None


def named_formula(prompt: str) -> bool:
    """Whether a formula card's question names the formula it hides as a definition or a formula of
    its own, in the words before it (“距离公式为 $r = ?$”) or in the clause after it (“均有 ［？］
    则称 $f$ 为凸函数。”, after “并称以下列向量”: “$$\\nabla f = ?$$ 为 $f$ 的梯度”)."""
    span = hidden_formula(prompt)
    if span is None:
        return False
    before, after = _words(prompt[:span[0]]).rstrip(), prompt[span[1]:]
    sentence = re.split(r"[。！？；;!?\n]|\.\s", before.rstrip(" ：:，,"))[-1]
    if NAMES_THE_FORMULA.search(before):
        return WORKS_ON.search(sentence.split("：", 1)[-1]) is None  # (not the heading before it)
    # (after an inline formula, “$\\boldsymbol{w} = ?$ 称为法向量” names its symbol, not the formula)
    display = prompt.startswith("$$", span[0]) or prompt[:span[0]].rstrip(" ").endswith("\n")
    return display and names_it_after(after, before)


def derivation_step(card: Card) -> str | None:
    """A formula whose sentence leans on the previous steps cannot be answered from its question."""
    if card.kind is not CardKind.FORMULA or card.plain_formula or "result" in card.flags or named_formula(card.front) \
            or _concludes_a_stated_result(card.front):
        # a result the text marks as such (boxed, “the final form”, “**定理3（辛钦大数定律）** 设…则 ?”), or
        # names, is worth recalling
        return None
    prompt = own_words(_words(card.front), card.concept)
    lines = [line.strip() for line in prompt.replace("?", "").replace("？", "").splitlines()]
    # the whole sentence too: the question shows only the clauses next to the formula, and the
    # word that leans on what came before (“Since …, we can say”) may be in the ones it left out
    lines += [line.strip() for line in _words(card.back).splitlines()] + [" ".join(lines)]  # a wrapped lead too
    if CONTINUES.match(own_words(card.front, card.concept)):
        return "derivation-step"  # “→ 必须有一个是 0 才能保证 …”: the line goes on from the one before
    return "derivation-step" if any(BACK_REFERENCE.search(line) for line in lines) else None


# A statement under a bold label of its kind (“**定理3（辛钦大数定律）**”, “**Thm 1.5 (separating
# hyperplane).**”, “**Def 2.1.**”): a result stated whole, premises and all.
STATED_RESULT = re.compile(r"\s*\*\*\s*(?:定理|引理|推论|命题|定义|性质|theorem|thm|lemma|corollary|proposition|prop|"
                           r"definition|def)\.?\s*[\d.]*\s*(?:[(（][^()（）\n]{1,40}[)）])?\s*[.:：]?\s*\*\*", re.I)
def _concludes_a_stated_result(front: str) -> bool:
    """The hidden formula is what a labelled result concludes (“**定理 5.1** 设 … 则 $$\\sum \\lambda_i = ?$$”),
    not one of its premises."""
    body = own_words(front)
    label, hole = STATED_RESULT.match(body), hidden_formula(body)
    return bool(label and hole and CONCLUDES.search(_words(body[label.end():hole[0]])))


CONCLUDES = re.compile(r"则|那么|成立|\b(?:then|we have|it holds|holds)\b", re.I)
# A sentence that starts from the line before it: an arrow, “therefore”, “because”.
CONTINUES = re.compile(r"\s*(?:→|⇒|=>|∴|∵)")


# What a blank may hide that is only notation: a membership, a set or tuple of indexed
# symbols, a matrix written out entry by entry.
MEMBERSHIP = re.compile(r"\\(?:in|subset|subseteq|notin)\b")
SYMBOL = r"\\?[A-Za-z]+(?:_\{?[\w\s,+\-]+\}?)?(?:\^\{?[\w\s,+\-]+\}?)?"
SYMBOL_LIST = re.compile(r"^\s*(?:\\left)?[(\[]?(?:\\\{)?\s*" + SYMBOL + r"(?:\s*[,;]\s*(?:" + SYMBOL +
                         r"|\\[lc]?dots))+\s*(?:\\\})?(?:\\right)?[)\]]?[\s,.;]*$")
MATRIX = re.compile(r"\\begin\{[pbvB]?matrix\}|\\begin\{array\}")


# A function letter applied to its arguments and nothing else: f(x), g(\boldsymbol{z}).
GENERIC_CALL = re.compile(r"^(?:\\(?:mathbf|boldsymbol)\{)?[fghFG]\}?\s*(?:\\left)?\((?:\\(?:mathbf|boldsymbol)\{)?"
                          r"\\?[A-Za-z]+\}?(?:\s*,\s*(?:\\(?:mathbf|boldsymbol)\{)?\\?[A-Za-z]+\}?)*(?:\\right)?\)$")
# A symbol on its own (x, \lambda, \mathbf{x}, b_t, X^{(1)}) and a value on its own (0, -1.5).
BARE_SYMBOL = re.compile(r"^(?:\\(?:mathbf|boldsymbol|bar|hat|tilde)\{)?\\?[A-Za-z]+\}?(?:_\{?[\w,]+\}?)?(?:\^\{?\(?[\w]+\)?\}?)?$")
SINGLE_TOKEN = re.compile(r"^[-+]?\d+(?:\.\d+)?$")
NOTATION_WORDS = re.compile(r"表示|(?<!标)记为|记作|称为|\b(?:denotes?|means|stands for|we write|is written)\b", re.I)


# What the right-hand side of a declaration looks like: a set written out, an interval, a
# number set, indices counted off (“1, 2, \ldots, n”).
SET_LITERAL = re.compile(r"^(?:\\left)?\\\{.*(?:,|\\mid|\|).*\\\}$", re.S)
INTERVAL = re.compile(r"^(?:\\left)?[(\[]\s*[-+]?[\w\\.]+\s*,\s*[-+]?[\w\\.]+\s*(?:\\right)?[)\]]$")
NUMBER_SET = re.compile(r"^\\mathbb\{[RNZQC]\}(?:\^\{?[^{}]*\}?)?$")
COUNTED = re.compile(r",\s*\\?(?:[lc]?dots|\.\.\.)")
OPERATOR = re.compile(r"[+*/]|(?<!^)-|\\(?:frac|sum|prod|int|cdot|times|sqrt|log|exp|max|min)\b")
# A number on its own, perhaps with a power of ten or an approximation: a worked value.
NUMERIC = re.compile(r"^[-+]?\d+(?:(?:\{,\}|,)\d{3})*(?:\.\d+)?(?:\s*(?:\\times|\\cdot)?\s*10\^\{?-?\d+\}?)?$|"
                     r"^10\^\{?-?\d+\}?$")
# A fraction of two numbers: what a worked sum comes to (“= \frac{91}{6}”).
NUMBER_FRACTION = re.compile(r"^[-+]?(?:\\[dt]?frac\{\d+\}\{\d+\}|\d+\s*/\s*\d+)$")
# A vector of numbers, perhaps transposed: [0, 0]^T.
NUMBER_VECTOR = re.compile(r"^(?:\\left)?[\[(]\s*[-+]?\d+(?:\.\d+)?(?:\s*,(?:\\[ ,;!]|\s)*[-+]?\d+(?:\.\d+)?)+\s*"
                           r"(?:\\right)?[\])](?:\^\{?(?:\\top|T|\\mathrm\{T\})\}?)?$")
# A matrix written out in numbers: a worked result, not a rule.
NUMBER_MATRIX = re.compile(r"^\\begin\{[pbvB]?matrix\}[\s\d.,&\\+-]*\\end\{[pbvB]?matrix\}$")
ARROW = re.compile(r"\\(?:to|rightarrow|longrightarrow|mapsto)\b")


# A property named right before the formula that states it (“对称：$I(X;Y) = ?$”, “**不对称**：［？］”,
# “additive: $I(x, y) = ?$”): the name gives the hidden side away.
# (or what it comes to: “异乘变零：$\sum_j a_{ij}A_{kj} = ?$”, “转置值不变：$|A^T| = ?$”)
NAMED_PROPERTY = re.compile(r"(?:不?对称|可加|可交换|变(?:为|成)?零|为零|等于零|值?不变|相等|互为逆|"
                            r"\b(?:symmetric|asymmetric|not symmetric|additive|commutative|vanishes|is zero|unchanged|"
                            r"invariant))\**\s*[:：]\s*(?:\$|［？］|\[\?\])", re.I)


# Words right after a formula that say what it means (“表示…”, “denotes …”).
# (the notation words, and a few that only follow a formula)
DENOTES = re.compile(rf"(?:{NOTATION_WORDS.pattern}|代表|意味着|叫做|means?\b|stands? for\b|is called\b|is read\b)", re.I)
# A left side that works something out (“\frac{1}{1-\beta}”, “2 \cdot d”), not a quantity named.
WORKED_FROM = re.compile(r"\\(?:frac|dfrac|tfrac|sqrt|cdot|times)|[-+*/]")
INDICES = re.compile(r"[_^](?:\{[^{}]*\}|\\?\w)")  # (x_{t-1}: the “-” is in its index)
# Words that give a value as the usual choice (“常将它们设置为”, “by default”, “typically set to”).
CONVENTION = re.compile(r"常将|常设|常取|通常(?:将|取|设)|一般(?:将|取|设为)|默认|推荐|建议(?:取|设)|"
                        r"\b(?:(?:typically|commonly|usually|often),? (?:we |one |people )?(?:set|choose|pick|use|chosen|"
                        r"picked|used|initiali[sz]ed)|(?:we|one|people) (?:typically|usually|often|commonly) (?:set|choose|pick|use)|"
                        r"by default|defaults? (?:to|is)|recommended|standard choice)\b", re.I)
# A condition right after the hidden value (“Predict $y = ?$ when $h_\theta(x) \geq 0.5$”): the value is a rule's.
CONDITION_AFTER = re.compile(r"[\s$]*(?:(?:when(?:ever)?|if|iff)\b|只要|当(?!前)|若|如果)", re.I)
# An entry of a matrix that is computed, not a symbol: the matrix defines something (∇f = [∂f/∂x_i]).
COMPUTED_ENTRY = re.compile(r"\\(?:frac|partial|sum|prod|int|exp|log|ln|nabla)\b|[+*/]")
# An array in a brace: the cases of a definition (“ℓ(z) = \left\{\begin{array} 0 & |z| ≤ ε …”), not a matrix.
CASES_ARRAY = re.compile(r"\\left\s*\\\{\s*\\begin\{array\}")


# A property or an operation said in words, then the formula that restates it (“Mutual information is
# symmetric, i.e., $I(X, Y) = ?$”, “the expectation remains unchanged, i.e., $E[h'] = ?$”, “之和，即 ?”).
# Words that begin saying again what was just said; not “即得”, “即有” (a consequence), “即使”
# (even if) nor “that is why/because”.
RESTATING = (r"\bi\.\s?e\.?(?!\w)|\bthat is\b(?!\s+(?:why|because))|\bnamely\b|\bin other words\b|\bequivalently\b|"
             r"即(?![使便可将刻时得有知证])|也即|也就是说?|换言之|换句话说")
RESTATED = re.compile(r"(?:\b(?:a?symmetric|non-?negative|unchanged|invariant|preserved|multiplicative|additive|"
                      r"sum(?:mation)? of|average|product of|maximum|minimum|ratio)\b|不?对称|非负|不变|可加|之和|平均|之积|"
                      rf"之比|最大值|最小值)[^.;。；]{{0,80}}?(?:{RESTATING})\s*[,，:：]?\s*$", re.I)


# The hidden side said again right after the hole, in other symbols (“$K' = ?$，即 $d(K-1)+1$”, “$= ?$, i.e. $2n$”).
# (an expression alone that ends the clause: “$pV = ?$，即 $R = 8.314$…”, “$\Delta G = ?$，即 $\Delta G<0$ 时…”, “$T = ?$, i.e.
# $T$ does not depend on the mass” say something else)
RESTATED_AFTER = re.compile(r"\s*+[,，]?\s*+(?:即|也就是|也即|亦即|\bi\.\s?e\.,?|\bthat is,?|\bnamely)\s*+"
                            r"\$(?=[^$\n]*[-+*/^_\\(){}])(?![^$\n]*\\(?:le|ge|leq|geq|neq|approx|sim|in)(?![A-Za-z]))"
                            r"[^$=<>\n]++\$\s*+(?:[。.,，;；)）]|$)")


# Words that say a quantity is zero (“梯度消失”, “均值为零”, “set the gradient to zero”, “vanishes”).
ZERO_WORDS = re.compile(r"\bzero\b|\bvanish\w*|为零|等于零|变为零|归零|消失|(?:为|等于)\s*0(?![.\d])", re.I)


def hidden_formula(prompt: str) -> tuple[int, int] | None:
    """Where a formula card's question hides its answer: the whole formula hidden (“［？］”), or
    the formula whose right side is “?” (`$P(AB) = ?$`), as a span of ``prompt``."""
    for hole in ("［？］", "[?]"):
        at = prompt.find(hole)
        if at >= 0:
            return at, at + len(hole)
    return next(((start, end) for start, end, _, _ in math_spans(prompt) if "?" in prompt[start:end]), None)


def before_the_hole(front: str) -> str:
    """The front up to the formula whose part it hides (the words that lead to the “?”)."""
    span = hidden_formula(front)
    return front[:span[0]] if span else front


def _math_pieces(text: str) -> list[str]:
    """The math of a text, span by span."""
    return [text[start:end].strip("$ ") for start, end, _, _ in math_spans(text)]



def _arithmetic(text: str, fractions: str = "[dt]?frac") -> bool:
    """Numbers and operators only: a sum worked out, not a formula with symbols (a number's unit beside it, “13.5\\
    \\text{GB} / 3.35\\ \\text{TB/s}”, is still a number)."""
    bare = UNIT.sub("", text)
    if bare != text and not re.search(r"[-+*/×·÷]|\\(?:times|cdot|div|[dt]?frac)(?![A-Za-z])", bare):
        return False  # (“1\ \text{atm}”: a unit's size, “1 atm = 101.325 kPa”, is a fact; quantities worked out are not)
    return bool(re.search(r"\d", text)) and not re.search(r"[A-Za-z]", re.sub(
        rf"\\(?:times|cdot|{fractions}|left|right|,)", "", bare))


# A number's unit written as text in math (“\text{GB}”, “\ \mathrm{TB/s}”, “\text{ ms}”; “\mathrm{KL}”, “\mathrm{Var}”
# are functions).
_UNITS = r"(?:[KMGTP]i?B|B|bytes?|bits?|[mµun]?s|min|h|[kMG]?Hz|[KMGTP]?FLOPs?|tokens?|k?W|[kM]?J|[ckm]?m|k?g|K|k?Pa|atm|V|A)"
UNIT = re.compile(rf"(?<=[\d}}])\s*+(?:\\[ ,;]\s*+)?\\(?:text|mathrm)\s*+\{{\s*+{_UNITS}(?:/{_UNITS})?\s*+\}}")


# What an expression of numbers alone may hold besides them: operators, brackets, elementary functions, an infinity.
CONSTANT_PIECES = re.compile(r"\\(?:log|ln|exp|sqrt|d?frac|times|cdot|left|right|infty|[,;! ])|"
                             r"(?<![A-Za-z])e(?=\s*\^)|[\d\s.+\-*/^{}()\[\]]")


def _numbers_worked_out(lhs: str) -> bool:
    """A count times a function of a number (“1000 \\log 0.5”), or an expression of an infinity (“e^{-\\infty}”), and
    nothing else: its value is arithmetic (a constant named alone, “e”, and a constant worked out once, “1/\\sqrt{2}
    \\approx 0.707”, “1 - e^{-1} \\approx 0.632”, “\\ln 2 \\approx 0.693”, are facts some learn)."""
    return bool(SCALED_CALL.match(lhs) or "\\infty" in lhs) and not CONSTANT_PIECES.sub("", lhs)


# A count before a function (“1000 \log 0.5”, “12 \times \ln 2”).
SCALED_CALL = re.compile(r"\s*+\d+(?:\.\d+)?\s*+(?:\\times|\\cdot)?\s*+\\(?:log|ln|exp|sqrt)\b")


def _scaled_arithmetic(lhs: str, rhs: str) -> bool:
    """Numbers worked out before the same symbols on both sides (“2 \\cdot 9C^2 = 18C^2”): arithmetic, not a rule."""
    left, right = re.sub(r"\s+", "", lhs), re.sub(r"\s+", "", rhs)
    tail = os.path.commonprefix([left[::-1], right[::-1]])[::-1]
    start = re.search(r"[A-Za-z\\]", tail)
    if start is None:
        return False
    tail = tail[start.start():]
    if not re.match(r"\\?[A-Za-z]", tail):
        return False
    head, value = left[:-len(tail)], right[:-len(tail)]
    # (“3 \cdot 2 \cdot \tfrac12 k_B T = 3 k_B T”: a law's factors, a fraction one of them, however it is written)
    return re.fullmatch(r"\d+(?:\.\d+)?", value) is not None and re.search(r"\d\s*(?:\\cdot|\\times|[*×·])\s*\d", head) \
        is not None and _arithmetic(head, fractions="(?!)")


def _worked_fraction(formula: str) -> bool:
    r"""A chain worked out in numbers to a fraction (“$E[X^2] = \frac{1+4+…+36}{6} = \frac{91}{6}$”); not
    a fact that comes to one (“$P(X = 1) = \frac{1}{2}$”, “$\mathrm{Var}(U) = E[U^2] - E[U]^2 = \frac{1}{12}$”)."""
    steps = top_level_parts(formula, r"\\approx|(?<![<>!\\])=")
    return len(steps) >= 3 and NUMBER_FRACTION.match(steps[-1].strip().rstrip(".,;，。").strip()) is not None \
        and _arithmetic(steps[-2])


def top_level_parts(text: str, cuts: str = r":|,|\\q?quad\b") -> list[str]:
    r"""``text`` cut at its colons, commas and ``\quad``s (or ``cuts``) outside any bracket:
    ``\text{if } x > 0: y`` -> [guard, ``y``]; ``P(X = x, Y = y)`` stays whole."""
    parts, depth, last = [], 0, 0
    for match in re.finditer(r"[{(\[]|[})\]]|" + cuts, text):
        mark = match.group()
        if mark in "{([":
            depth += 1
        elif mark in "})]":
            depth -= 1
        elif depth == 0:
            parts.append(text[last:match.start()])
            last = match.end()
    return parts + [text[last:]]


# An elementary function at a constant (“\cos 0”, “\cos\pi”, “\log 0”, “\ln 1”, “e^0”): its value is
# arithmetic (a named function, “\sigma(0)”, “\Gamma(1/2)”, or “e^{i\pi}” is a fact of its own).
_CONSTANT = r"(?:\d+(?:\.\d+)?|\d*\\pi(?:\s*/\s*\d+)?)"
CONSTANT_CALL = re.compile(rf"\s*(?:\\(?:cos|sin|tan|log|ln|exp)\s*(?:\(\s*{_CONSTANT}\s*\)|\{{\s*{_CONSTANT}\s*\}}|{_CONSTANT})"
                           rf"|e\s*\^\s*(?:\{{\s*\d+\s*\}}|\d))\s*")
# What such a value works out to when it is only arithmetic: a whole number or an infinity (“\sin(\pi/6) =
# \frac12” in a table of special values, “\ln 2 = \sum …”, “\ln 2 = 1/\log_2 e” are facts to know).
WHOLE_VALUE = re.compile(r"\s*[-+]?\s*(?:\d+|\\infty)\s*")


def declaration(card: Card) -> str | None:
    if card.kind is not CardKind.FORMULA or card.plain_formula or not card.formulas:
        return None
    if NAMED_PROPERTY.search(card.front) or RESTATED.search(_words(before_the_hole(card.front))):
        return "answer-in-front"  # “对称：$I(X;Y) = ?$”, “is symmetric, i.e., ?”: the words state what is hidden
    hole = hidden_formula(card.front)
    if hole and ZERO_WORDS.search(_words(card.front)) and card.formulas and \
            re.search(r"(?:(?<![<>!\\])=|\\to\b|\\rightarrow\b|→)\s*(?:0|\\mathbf\{0\}|\\boldsymbol\{0\}|O)\s*[.,;，。]?\s*$",
                      card.formulas[-1]):
        return "answer-in-front"  # “梯度消失：$g = ?$”, “setting the gradient to zero: $\nabla L = ?$”: the words say it is 0
    if hole and RESTATED_AFTER.match(card.front, hole[1]):
        return "answer-in-front"  # “等效核大小 $K' = ?$，即 $d(K-1)+1$”: the same, in other symbols, right after it
    # the one asked: the formula the front does not show whole (a condition, before or after it, it shows)
    shown = " ".join(card.front.split())
    hidden = [f for f in card.formulas if " ".join(f.split()) not in shown]
    formula = hidden[-1] if hidden else card.formulas[-1]
    if MATRIX.search(formula) and re.search(r"\\[vcd]dots", formula) and not COMPUTED_ENTRY.search(formula):
        return "declaration"  # a matrix of symbols written out entry by entry (not ∇f = [∂f/∂x_1; …])
    written_out = re.search(r"(?<![<>!\\])=(.*)$", formula, re.S)
    if written_out and SYMBOL_LIST.match(written_out.group(1).strip().rstrip(".,;，。")):
        return "declaration"  # α = (a_1; …; a_m): its components written out, whatever it denotes
    member = re.fullmatch(r"\s*(.+?)\s*\\in\s*([^=<>]+?)\s*[.,;，。]?\s*", formula)
    hole = hidden_formula(card.front)
    if member and BARE_SYMBOL.match(member.group(1)) and hole \
            and not DENOTES.match(_words(card.front[hole[1]:]).lstrip(" ，,")):
        # “$w \in \mathbf{R}^n$ 和 $b \in \mathbf{R}$ 是参数”: where a symbol lives (“［？］ 表示 … 的矩阵”
        # says what the notation means: that is asked)
        return "declaration"
    if NOTATION_WORDS.search(_words(card.front)):
        return None  # the sentence says what the notation means: recalling it is the point
    approx = re.search(r"\\approx\s*(.*?)[\s.,;]*$", formula, re.S)
    if approx and (NUMBER_MATRIX.match(approx.group(1)) or NUMBER_VECTOR.match(approx.group(1))
                   or _arithmetic(formula[:approx.start()])
                   or _numbers_worked_out(formula[:approx.start()]) and NUMERIC.match(approx.group(1).strip())):
        return "worked-value"  # “A ≈ [[0.40, 0.20], …]”, “512 \times 768 ≈ 0.39”: worked out by hand
    if approx and re.search(r"(?<=[\w)}])\s*[-+*/]|\\(?:times|cdot|frac)", approx.group(1)) and \
            all(_arithmetic(step.strip()) for step in re.split(r"\\approx|(?<![<>!\\])=", approx.group(1)) if step.strip()):
        return "worked-value"  # “t ≈ 0.693/0.0010005 ≈ 693”: a number worked out from the example's numbers
    similar = re.fullmatch(r"\s*(\S+)\s*\\(?:sim|simeq|cong|equiv)\s*(\S+?)\s*[.,;，。]?\s*", formula)
    if similar and BARE_SYMBOL.match(similar.group(2)) and similar.group(2) in _math_pieces(FENCE.sub("", card.front)):
        return "answer-in-front"  # “称 $A$ 与 $B$ 相似，记 $A \sim ?$”: the sentence names the answer
    relation = re.search(r"(?<![<>!\\])=|\\in\b|\\subseteq?\b|" + ARROW.pattern, formula)
    if relation is None:
        return None
    rhs = formula[relation.end():].strip().rstrip(".,;，。").strip()
    if MEMBERSHIP.match(relation.group()) and not re.search(r"[=<>]", rhs):
        return "declaration"
    lhs = formula[:relation.start()].strip()
    if relation.group() == "=" and (_arithmetic(lhs) or (CONSTANT_CALL.fullmatch(lhs) or _numbers_worked_out(lhs) and "infty" in lhs)
                                    and WHOLE_VALUE.fullmatch(rhs)
                                    or _scaled_arithmetic(lhs, rhs)):
        return "worked-value"  # “12 \times 768^2 \times 12 = …”, “\cos\pi = -1”: arithmetic, not a rule
    if ARROW.match(relation.group()) and not OPERATOR.search(rhs) and not re.search(r"[=<>]", rhs) \
            and (BARE_SYMBOL.match(lhs) or ":" in lhs):
        return "declaration"  # n → ∞, f: ℝ^d → ℝ: a limit taken or a map's type, not a fact
    if not rhs or SYMBOL_LIST.match(rhs) or GENERIC_CALL.match(rhs):
        return "declaration"  # … or “y = f(x)”: a function named, nothing said about it
    if SET_LITERAL.match(rhs) or INTERVAL.match(rhs) or NUMBER_SET.match(rhs):
        return "declaration"
    if COUNTED.search(rhs) and not OPERATOR.search(rhs.split("=")[0]):
        return "declaration"  # (α_1, α_2, …, α_k): the symbols written out
    steps = re.split(r"\\approx|(?<![<>!\\])=", rhs)
    last = steps[-1].strip()
    if CONVENTION.search(_words(card.front)) and not WORKED_FROM.search(INDICES.sub("", lhs)):
        # “常将它们设置为 $\beta_2 = 0.999$”: a default value is a fact to recall (what follows
        # from it, “约 $\frac{1}{1-\beta} = 10$ 步”, is worked out)
        return None
    if NUMERIC.match(last) and (len(steps) > 1 or last.lstrip("+-") not in ("0", "1")) \
            and (len(steps) > 1 or not re.search(r"[A-Za-z]", re.sub(r"\\(?:times|cdot|approx)", "", rhs))) \
            or NUMBER_VECTOR.match(last) or NUMBER_MATRIX.match(last) or _worked_fraction(formula):
        # \frac{1}{1-0.9} = 10, P(…) = 0.5: an example's number, not a rule (0 and 1 are
        # what sums, integrals and expectations equal as facts)
        return "worked-value"  # \frac{1}{1-0.9} = 10, P(…) = 0.5: an example's number, not a rule
    if BARE_SYMBOL.match(lhs) and SINGLE_TOKEN.match(rhs) \
            and not CONDITION_AFTER.match(card.front.split("?", 1)[-1].split("？", 1)[-1]):
        return "declaration"  # x = 0: a worked example's value, not a fact (“predict y = 1 when …” is a rule)
    if MATRIX.search(rhs) and not CASES_ARRAY.search(rhs) \
            and (not re.search(r"[+*/]|\\(?:frac|sum|prod|int|cdot|times)", rhs)
                 or re.search(r"\\[vcd]dots", rhs) and not COMPUTED_ENTRY.search(rhs)):
        return "declaration"  # a matrix written out entry by entry
    return None


# A function with no name of its own, or its derivative, of one variable (“f(x)”, “f''(x)”, “g'(t)”).
MADE_UP_FUNCTION = re.compile(r"(?P<f>[fgh])(?P<order>'{1,3}|\^(?:\{(?:\(\d\)|'{1,3}|(?:\\prime){1,3})\}|\\prime|\(\d\))|)"
                              r"\s*+(?:\\left)?\(\s*+(?P<x>[a-z])\s*+(?:\\right)?\)")
LATEX_LAYOUT = re.compile(r"\\(?:frac|dfrac|tfrac|cdot|times|left|right|quad|qquad)(?![A-Za-z])|\\[,;!]|[\s{}()\[\]+\-*/^.,0-9]")


def _only_in(expression: str, variable: str) -> bool:
    """An expression of numbers and ``variable`` alone (“3x^2 + 1”, “\\frac{1}{x}”): no other symbol, no function."""
    rest = LATEX_LAYOUT.sub("", expression)
    return variable in rest and set(rest) <= {variable}


# Names a block may call without defining them: Python's own and the usual numeric libraries.
KNOWN_ROOTS = frozenset(dir(builtins)) | {
    "torch", "nn", "F", "np", "numpy", "math", "optim", "random", "scipy", "sympy"}


# Numeric primitives by the names torch and NumPy give them: a course's alias of one (`d2l.argmax`,
# `d2l.reduce_sum`, a `nansum` of its own) is that primitive, which a learner writes from memory.
NUMERIC_PRIMITIVES = frozenset(
    "abs arange argmax argmin astype clamp clip concat concatenate cos cumsum dot exp expand_dims eye float32 "
    "float64 int32 int64 linspace log log2 log10 matmul max maximum mean min minimum nansum normal numpy ones "
    "ones_like pow rand randn reduce_mean reduce_sum reshape shape sigmoid sin size softmax sqrt square stack "
    "std sum tanh tensor transpose zeros zeros_like".split())


PLOTTING = frozenset({"plot", "show", "imshow", "hist", "scatter", "figure", "savefig", "subplots", "bar"})
DRAWING = re.compile(r"^(?:plot|show_|draw|animat|visuali[sz]e|display_)|_(?:plot|trace|images?)(?:_|$)")


# A notebook's line magic or shell escape: not Python, but no reason to stop reading the cell.
MAGIC = re.compile(r"^\s*[%!].*$", re.M)


PYTHON = ("", "python", "py", "python3", "ipython")


def python_tree(code: str, language: str) -> ast.Module | None:
    """``code`` parsed, when it is Python (notebook magics aside); else None."""
    if language not in PYTHON:
        return None
    try:
        return ast.parse(MAGIC.sub("", code))
    except (SyntaxError, ValueError):
        return None


def _python(card: Card) -> ast.Module | None:
    return python_tree(card.code, card.language) if card.kind is CardKind.CODE else None


def glue_code(card: Card) -> str | None:
    """Code whose every statement calls a helper defined elsewhere (or only binds constants),
    a function that only does that, or a demonstration that only draws: nothing in it to
    write from memory."""
    tree = _python(card)
    if tree is None:
        return None
    defines = any(isinstance(n, (ast.FunctionDef, ast.ClassDef)) for n in tree.body)
    draws = _draws(tree)
    if draws and (not defines or any(isinstance(n, ast.Expr) and _draws(n) for n in tree.body)):
        return "glue-code"  # a function defined to be drawn is the drawing's helper
    if defines and all(_leans_on_helpers(n, tree) for n in tree.body
                       if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))):
        return "glue-code"  # every function it defines is written in someone else's helpers
    calls = _helper_calls(tree.body)
    return "glue-code" if calls else None


def _leans_on_helpers(definition: ast.AST, tree: ast.Module) -> bool:
    """Whether a function or class reads a name that neither it, the block, Python nor the
    usual numeric libraries define (``d2l.zeros``, ``Accumulator(2)``): code of a course's
    own helpers, which a learner cannot write from memory alone."""
    local = {a.arg for n in ast.walk(definition) if isinstance(n, ast.arguments)
             for a in n.posonlyargs + n.args + n.kwonlyargs + [x for x in (n.vararg, n.kwarg) if x]}
    local |= {n.id for n in ast.walk(tree) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Store)}
    local |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    local |= {(a.asname or a.name).split(".")[0] for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))
              for a in n.names if (a.asname or a.name).split(".")[0] in KNOWN_ROOTS}
    primitive = {id(n.value) for n in ast.walk(definition)
                 if isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.attr in NUMERIC_PRIMITIVES}
    return any(isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load) and n.id not in local
               and n.id not in KNOWN_ROOTS and n.id not in NUMERIC_PRIMITIVES and id(n) not in primitive
               for n in ast.walk(definition))


def _draws(node: ast.AST) -> bool:
    names = (n.attr if isinstance(n, ast.Attribute) else n.func.id if isinstance(n, ast.Call)
             and isinstance(n.func, ast.Name) else None for n in ast.walk(node))
    return any(name is not None and (name in PLOTTING or DRAWING.search(name)) for name in names)


def _helper_calls(body: list[ast.stmt]) -> int:
    """How many statements of ``body`` only call a helper from elsewhere; 0 when any statement
    does work of its own (arithmetic, a loop, a call into torch or Python)."""
    calls = 0
    for node in body:
        if isinstance(node, ast.FunctionDef):
            inner = _helper_calls(node.body)
            if not inner:
                return 0
            calls += inner
            continue
        value = node.value if isinstance(node, (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign, ast.Return)) \
            else None
        if isinstance(value, (ast.Constant, ast.Name)) or (isinstance(value, ast.Tuple) and all(
                isinstance(e, (ast.Constant, ast.Name)) for e in value.elts)):
            continue  # eta, beta = 0.6, 0.25; a docstring; return (v_w, v_b)
        if not isinstance(value, ast.Call):
            return 0
        root = value.func
        while isinstance(root, (ast.Attribute, ast.Call, ast.Subscript)):
            root = root.value if not isinstance(root, ast.Call) else root.func
        if not isinstance(root, ast.Name) or root.id in KNOWN_ROOTS:
            return 0
        calls += 1
    return calls


# A line that says what the code prints (``print(x)  # 输出：2``), or a console transcript.
OUTPUT_CLAIM = re.compile(r"print\(.*#\s*(?:输出|结果|output|out|prints?|=>|->)|^\s*>>>", re.I | re.M)


def unrun(cards: list[Card], results: dict) -> tuple[list[Card], list[Notice]]:
    """After the verifier ran: code that defines nothing and states no output (flagged
    ``computed-output`` when it was read) is a card only when running it printed something that
    does not change from run to run — the printed output is then its answer. Code that leans on
    names from a block before it (flagged ``leans-on:…``) was checked with that block, and is no
    card on its own; nor is code flagged ``checked-only:<reason>``, nor a default read off a
    heading (flagged ``signature:…``) that the verifier found to be a call, nor code asked for
    what it prints (``asks-output``) that uses names the notes define nowhere, nor code whose printed answer is
    line after line of many-digit numbers (``long-output``). ``results`` maps
    uids to the verifier's results (anything with ``reason``, ``output`` and ``facts``)."""
    kept, notices = [], []
    for card in cards:
        leans = next((f.split(":", 1)[1] for f in card.flags if f.startswith("leans-on:")), None)
        if leans:
            notices.append(left_out(card, "leans-on", names=leans))  # checked with the blocks before it,
            continue                                                 # but no card on its own
        checked_only = next((f.split(":", 1)[1] for f in card.flags if f.startswith("checked-only:")), None)
        if checked_only:
            notices.append(left_out(card, checked_only))  # its claims were checked; no card to study
            continue
        result = results.get(card.uid)
        if "asks-output" in card.flags and getattr(result, "reason", "") == "undefined-names":
            # “>>> feats = {}; h = model.layer3.register_forward_hook(…)” with no model anywhere in
            # the notes: what it prints cannot be worked out from the card, nor checked
            notices.append(left_out(card, "undefined-names", names=result.facts.get("names", "")))
            continue
        if any(f.startswith("signature:") for f in card.flags) and getattr(result, "reason", "") == "a-call":
            notices.append(left_out(card, "a-call"))  # the heading passes values: it states no default
            continue
        if "computed-output" in card.flags and not (
                result is not None and result.reason in ("printed", "printed-own-way", "code-agrees") and result.output.strip()
                and not result.facts.get("random")):
            notices.append(left_out(card, "no-task"))
        elif "computed-output" in card.flags and _unmemorable(result.output):
            notices.append(left_out(card, "long-output"))
        else:
            kept.append(card)
    return kept, notices


# A number written to many digits (“9.333333333333334”, “0.0034710976497046232”, “2.45e-06” is not).
LONG_NUMBER = re.compile(r"(?<![\w.])-?\d*\.\d{6,}(?:e[-+]?\d+)?")


def _unmemorable(output: str) -> bool:
    """What a loop prints, line after line of numbers to many digits (a training run's log): no answer to
    recall. Three such lines or more, or more than twenty lines (one line of them, “0.30000000000000004”, is the
    point of a card on floating point)."""
    lines = output.strip().splitlines()
    return sum(bool(LONG_NUMBER.search(line)) for line in lines) >= 3 or len(lines) > 20


# The last line under a hand-written card's answer, where the writer turns the card down: “BAD.” and the
# reason (“- BAD. trivia, no understanding”); a “GOOD” line beside it makes both an example instead.
TURNED_DOWN = re.compile(r"\s*(?:[-*+]\s+)?(?:\*\*)?(?-i:BAD)\.(?:\*\*)?\s+\S")
GOOD_LINE = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?-i:GOOD)\b", re.M)


def turned_down(card: Card) -> str | None:
    """A card the writer wrote by hand and then turned down under it (“Typical momentum value? 0.9
    — BAD. trivia, no understanding”)."""
    if card.kind is not CardKind.MANUAL:
        return None
    lines = [line for line in FENCE.sub("", card.back).splitlines() if line.strip()]
    return "turned-down" if len(lines) > 1 and TURNED_DOWN.match(lines[-1]) and not GOOD_LINE.search(card.back) \
        else None


def marked(card: Card) -> str | None:
    """What the extraction rules already found (a formula given as an example, a premise)."""
    return next((f.split(":", 1)[1] for f in card.flags if f.startswith("left-out:")), None)


# Math that ends on a relation before the question mark (“$\\ln 2 \\approx$ ?”, “$e^{10} \\approx$ ?”): it asks for the
# other side of it, as “$\\log(ab)$ = ?” does (a bare “$x =$ ?” leans on an equation before it).
# One symbol, perhaps hatted or indexed (“\\alpha”, “x_1”, “\\hat{y}”; not “e^{10}”, “17^2”, “\\ln 2”).
ONE_SYMBOL = re.compile(r"(?:\\(?:hat|bar|tilde|mathbf|boldsymbol)\{)?\\?[A-Za-z]+\}?(?:_\{?[\w,]+\}?)?")
ASKS_OTHER_SIDE = re.compile(r"\$([^$]*?)(?:=|≈|\\approx|\\simeq|\\sim|\\propto|\\leq?|\\geq?|\\to)\s*\$\s*[?？]\s*$")


def no_subject(card: Card) -> str | None:
    subject = re.sub(r"[\s›：:？?]|写出公式|write the formula", "", _words(card.front))
    other_side = ASKS_OTHER_SIDE.search(card.front) if not subject else None
    if other_side and ONE_SYMBOL.fullmatch(other_side.group(1).strip()):
        other_side = None  # (“$\\alpha =$ ?”, “$x_1 =$ ?”: one symbol, named nowhere)
    return None if subject or card.kind is CardKind.CLOZE or other_side else "no-subject"


# An answer that asks instead (“why do they work?”, “原文到底把 BN 放在哪？”) or sets a task
# (“write the formula and explain the scaling”, “写出公式并推导”).
ASKING = re.compile(r"^.*?[?？]\s*$|"
                    r"^[^。.!！\n]*(?:(?:怎么|如何)(?:解释|理解|推导|证明|算|计算|做|办|选|用)|为什么|为何)[吗呢]?$|"
                    r"^\s*(?:为什么|为何|怎么|怎样|如何)[^。.!！，,\n]{0,12}$|"  # (“为什么要归一化”, “如何实现”)
                    r"^\s*(?:(?:write|explain|describe|derive|prove|implement|show)\b|"
                    r"写出|列出|解释一下|说明一下|推导一下|证明一下)", re.I)
# An answer that is a product worked out (“128 × 64 × 3 × 3 = 73,728”) or a bare count (“128”):
# an example's number, not what the term is.
WORKED_PRODUCT = re.compile(r"^[\d\s.,]+(?:(?:[×x*·]\s*[\d.,]+\s*)+=\s*[\d\s.,]+)?$")


def todo_answer(card: Card) -> str | None:
    """An answer the writer left unfinished: it ends by saying so (“…还没写完 TODO”, “待补”), or
    only says the lecture skipped it (“没细讲”)."""
    if card.kind in (CardKind.CODE, CardKind.CLOZE) or "computed-output" in card.flags:
        return None
    words = _words(card.back)
    # (or it opens on one that says it is not done, “TODO 还没看懂”, or the card does, “"TODO: 为什么 MLE 渐近正态"”; “TODO,
    # basically BERT on 16x16 patches” answers all the same, and “TODO/FIXME comments mark…” is about them; or it is what
    # one means to do, “计划复习…”)
    if TODO_TERM.fullmatch(card.key):
        return "todo-item"  # “**TODO:** 看一下偏差修正为什么…”: a to-do, whatever follows it
    opened = TODO_START.match(words)
    rest = words[opened.end():].lstrip(" :：,，-—") if opened else ""
    return "todo-answer" if TODO_END.search(words) or NOT_COVERED.fullmatch(words.strip()) \
        or opened and (not rest or TODO_WORDS.match(rest)) \
        or TODO_FRONT.match(_words(card.front)) or PLANNED.match(words) else None


TODO_START = re.compile(r"\s*+(?:\*\*)?(?-i:TODO|TBD|FIXME)(?=[\s:：]|$)")
# A to-do written as a term (“**TODO:** read the AdamW paper”), by the key of its card.
TODO_TERM = re.compile(r"def:(?:todo|tbd|fixme|待办|待补充)")
TODO_FRONT = re.compile(r"\s*+(?:\*\*)?(?-i:TODO|TBD)\s*+[:：]")
# What one means to do (“计划复习疑问句中…”, “Plan to reread ch. 3”, “I'll ask the TA”).
# (one's own study to come: “be going to” in a vocabulary, “计划做的全部工作” of a WBS, “准备做菜前…” are definitions)
PLANNED = re.compile(r"\s*+(?:我)?(?:计划|打算|准备)(?:要|去|再)?(?:复习|整理|重读|再看|精读|泛读|重新推导|补上)|"
                     r"\s*+(?:(?:i )?plan to|i['’]ll|i will)\s++(?:re-?)?(?:read|review|revisit|watch|redo|derive|check|ask|look)\b",
                     re.I)


# An answer that only says the lecture or the notes left it out (“没细讲”, “skipped”).
NOT_COVERED = re.compile(r"(?:(?:…|\.{2,})\s*+skip|(?:…|\.{2,})?\s*[(（]?(?:老师)?(?:没细讲|没有细讲|没讲到?|没有讲|跳过了?|略过了?|skipped|"
                         r"not covered|didn'?t cover(?: it)?)[)）]?)[。.!！…～~]*", re.I)


# An answer that stops on a to-do or says it is not finished.
# (A “TODO read the paper” after an answer is a remark: the answer stands.)
TODO_END = re.compile(rf"(?:{UNFINISHED_WORDS})[^\n]{{0,40}}$", re.I)


# An answer that is only how far along a feature of a library is (“new.”, “prototype.”, “实验性”), for a name in code
# (“`torch.distributed.pipelining`: prototype.”; a sort is “stable”, an isotope too, 原型 is Jung's archetype, and “alpha” a
# parameter's name).
STATUS_ONLY = re.compile(r"[\s(（]*+(?:(?:still |now )?(?:new|prototype|experimental|deprecated|removed)|"
                         r"新增|新功能|实验性(?:功能)?|測試版|测试版|已?弃用|已?移除)[\s)）.。!！]*+", re.I)


def not_an_answer(card: Card) -> str | None:
    """A definition whose text is a question or a task about its term, or a number worked out."""
    if card.kind is not CardKind.DEFINITION or not card.back.strip():
        return None
    first = re.split(r"(?<=[。！!？?])|(?<=\.)\s|\n", card.back.strip(), maxsplit=1)[0]
    if ASKING.match(first):
        return "open-question"
    if UNSURE.search(card.back) and len(_plain(card.back)) <= 80 or TODO_LAST.search(card.back):
        return "unsure"  # “记得好像没有，要再确认”, “Set2Set、SortPool…… TODO”: the writer does not know yet
    if POINTS_ELSEWHERE.fullmatch(card.back.strip()):
        return "elsewhere"  # “see block below”, “见下文”: the answer is somewhere else
    if SIBLING_ANSWER.match(card.back):
        return "as-above"  # “**avg pool** — same but mean”: it says nothing without the item before
    if BARE_REMARK.fullmatch(card.back.strip()):
        return "remark-only"  # “`batch_first` defaults to `True` — careful!”: a warning, no answer
    if FIRST_PERSON.search(QUOTED.sub(" ", _words(card.back))):
        return "personal"  # “Final: 0.9671 … I'm happy bc my goal was …”: the author's own story
    if THIRD_PERSON.search(QUOTED.sub(" ", _words(card.back))) and PERSON_TERM.search(card.front):
        return "opinion"  # “**Andrew**: lr decay is lower on his list”: what one person thinks
    if RESULT_VALUE.match(card.back) or len(card.back) <= 100 and SCORED.search(card.back):
        return "result"  # “MNIST MLP: 97.9% test acc after 10 epochs”: one run's outcome
    if "attribute" in card.flags:
        return None  # “Dropout 的丢弃概率？” → 0.5: the value asked for
    if STATUS_ONLY.fullmatch(_words(card.back)) and "`" in card.front:
        return "status-only"  # “`torch.set_default_device`: new.”: when it came, not what it is
    return "worked-value" if WORKED_PRODUCT.match(card.back.strip()) or _arithmetic_answer(card.back) else None


def _arithmetic_answer(text: str) -> bool:
    """“(32 + 2 - 3)/2 = 15.5 向下取整 15，再 +1 = 16 ✓”, “4·(64·1 + 64·64) + 8·64 = 17152”: numbers
    worked out, most of the answer digits and operators around an “=”."""
    bare = re.sub(r"(?<=\d)x(?=\d)", "×", re.sub(r"[\s$]", "", text))  # “3x3” is 3 × 3
    result = re.sub(r"[(（][^()（）]*=[^()（）]*[)）]", "", bare.split("=")[-1])  # (a remark “(k = 3)” aside)
    if re.search(r"(?<![A-Za-z\\])[A-Za-z](?![A-Za-z])", result):
        return False  # a letter on its own in the result is a variable: “(x+1)^2 = x^2+2x+1” is algebra
    worked = len(re.findall(r"[\d.+\-−×*·/()=≈^]", bare))
    return "=" in bare and len(re.findall(r"\d", bare)) >= 4 and worked >= 0.7 * len(bare)


# An answer the writer is not sure of (“要再确认”, “not sure”, “(?)”).
# An answer that only says where the answer is (“see block below”, “(see above)”, “见下面的代码”).
POINTS_ELSEWHERE = re.compile(r"\W*(?:(?:see|cf|refer to)\b[^.;:\n]{0,30}?\b(?:below|above|later)\b|"
                              r"(?:参见|参考|见|看)\s*(?:下文|下方|下面|后文|后面|上文|上面|上方|前文|前面)|"
                              # or another part of the notes by its number (“见第 5 节”, “see section 5”, “(see §5)”; not
                              # a law's “见第1166条”, “see Chapter 12”, “see section 362”: where a rule stands is the answer)
                              r"(?:参见|参考|详见|见)\s*第\s*(?:\d{1,2}(?:\.\d+)*|[一二三四五六七八九十]{1,3})\s*(?:节|章|部分|讲)|"
                              r"(?:see|cf\.?|refer to)\s+(?:sections?|sec\.?|§|part|question|q)\s*\d{1,2}(?:\.\d+)*(?!\d))"
                              r"(?:\s*(?:for (?:details|more)|的?(?:代码|推导|公式|说明|解释|表格?|图|代码块)))?\W*", re.I)
UNSURE = re.compile(r"要?再确认|待确认|待核实|不确定|记不清|好像|not sure|unsure|need to (?:check|verify|confirm)|"
                    r"to be confirmed|double-check|\(\?\)|（？）", re.I)


# An answer that ends in a to-do (“sum / mean pooling 之外还有 Set2Set、SortPool…… TODO”; not “TODO。就是 …”).
TODO_LAST = re.compile(r"(?:\bTODO\b|待补充?|待查)[\W_]{0,3}$")
# An answer that only points to the item before it (“same but mean”, “ditto”, “同上”).
SIBLING_ANSWER = re.compile(r"\s*(?:(?:the )?same(?: as above| as before)?(?=\s*(?:but|except|[,;.，；]|$))|ditto|likewise|"
                            r"as above|see above|同上|同理|同前|类似上面|参见上面|见上)", re.I)


# A score first: what one experiment measured (“99.1%”, “Public 0.9671 / Private 0.9658”,
# “0.951 AUC”), not a rule.
RESULT_VALUE = re.compile(r"[\s*_~≈]*(?:(?:public|private|test|val(?:idation)?|train|cv|lb)\b[\s:：]*)?[~≈]?"
                          r"\d+(?:\.\d+)?\s*%?\s*(?:(?:test|val|top-?\d)\s+)?(?:acc(?:uracy)?|auc|f1|bleu|"
                          r"error rate|ppl|perplexity)\b|[\s*_]*(?:public|private|cv|lb|test|val(?:idation)?)\b[\s:：]*\d*\.\d|"
                          # a bare percentage, alone or before an arrow (“99.1%”, “18.2% → 15.4%”), not “50% of units”
                          r"[\s*_]*[~≈]?\d+(?:\.\d+)?\s*%\s*(?:$|[→,;(]|\s[-–—]\s)",
                          re.I)
# a score written out (“accuracy: 0.282”, “top-5 err = 15.3%”)
SCORED = re.compile(r"\b(?:accuracy|acc|auc|f1|bleu|top-?[15](?: err(?:or)?)?)\s*[:=]\s*\d*\.\d", re.I)


# The writer speaking of themself (“I think”, “my notebook”, “我项目里”); “we” and “我们” are a
# textbook's voice, math's I is no pronoun (math is taken out first), nor are “I/O” and “Type I”,
# and “比如我有一个 batch” only takes an example.
FIRST_PERSON = re.compile(r"(?<![\w'/-])(?<!Type )(?:I(?![/-]|\s+errors?\b)|I'(?:m|ve|d|ll)|[Mm]y|me)(?![\w'/-])|"
                          r"我(?:觉得|认为|的理解|的项目|项目|自己|之前|踩|犯|当时|第一次|以为|一直|刚|猜|记得|是说)")
# A front that asks about one capitalised name (“what is **Andrew**?”, “**Karpathy** 是什么？”).
PERSON_TERM = re.compile(r"\*\*[A-Z][a-z]+\*\*(?:\?| 是什么)")
# Someone's opinion reported (“**Andrew**: lr decay is lower on his list”): about a person
# (“He init” is a name, so only the lower-case pronouns count).
THIRD_PERSON = re.compile(r"(?<![\w'-])(?:he|she|his|her|him)(?![\w'-])")
QUOTED = re.compile(r"\"[^\"\n]*\"|“[^”\n]*”|「[^」\n]*」|`[^`\n]*`")
BARE_REMARK = re.compile(r"[\s*_(（]*(?:careful|beware|important|watch out|gotcha|note|todo|tbd|注意|小心|重要|坑|待补充)"
                         r"[\s*_)）!！.。~]*", re.I)


def blank_answer(card: Card) -> str | None:
    """An answer that still holds a blank to fill (“$P(AB) = P(A)\\,$________”): a self-test's question, its answer
    elsewhere or not written yet."""
    if card.kind is CardKind.CODE:
        return None
    back = card.back.strip()
    if BLANK_START.match(back):
        return "blank-answer"  # (“________ $,\ x>0$”)
    spans = math_spans(back)
    # (the formula asked runs on into a blank: “$P(AB) = P(A)\,$________”; one shown as an exam's pattern after a
    # whole formula, “$(a+b)^2 = …$，考试常挖掉中间项：$a^2 + $ ____”, is an aside)
    return "blank-answer" if spans and BLANK_START.match(back[spans[0][1]:]) else None


BLANK_START = re.compile(r"\s{0,2}(?:_{3,}|（\s*）|\(\s+\))(?=\s*(?:\$|$|[,，.。;；]))")  # (a blank a formula or nothing follows)


# A call that draws random numbers (“torch.rand(2)”, “np.random.normal()”, “random.choice(xs)”), and an answer that is
# only numbers or a tensor of them.
RANDOM_CALL = re.compile(r"\b(?:torch\.(?:rand|randn|randint|randperm|normal|bernoulli|multinomial|poisson)|"
                         r"(?:np|numpy)\.random\.\w+|random\.(?:random|randint|choice|shuffle|uniform|gauss)|"
                         r"rng\.(?:random|normal|integers|uniform|choice|standard_normal|permutation|binomial|poisson|"
                         r"exponential|gamma|beta|lognormal|geometric|laplace|multinomial|dirichlet|standard_exponential|"
                         r"chisquare|triangular|weibull|multivariate_normal))\s*\(")
# (what it printed: a tensor or an array of values, “tensor([0.4963, 0.7682])”; a shape “(5,)”, a range “[0, 1)”, a
# count or an expectation, “6”, “3.5”, are what to remember of it)
NUMBERS_ONLY = re.compile(r"[`\s]*(?:(?:tensor|array)\(\[[\s\[\],.\d+\-e]*\]\s*(?:,\s*dtype=[\w.]+\s*)?\)|"
                          r"\[[\s\[\],+\-e\d]*\d\.\d[\s\[\],.\d+\-e]*\]|[+-]?\d\.\d{4,}(?:e[+-]?\d+)?)[`\s]*", re.I)
# (NumPy prints “[0.37454012 0.95071431 0.73199394]”; one draw prints “0.6394267984578837”)


def random_output(card: Card) -> str | None:
    """What a call that draws random numbers printed (“`torch.manual_seed(0); torch.rand(2)`” → “tensor([0.4963,
    0.7682])”): numbers of no meaning to recall, seeded or not."""
    back = card.back.strip()
    printed = NUMBERS_ONLY.fullmatch(back) is not None and (
        not back.strip("`").startswith("[") or len(re.findall(r"\d+(?:\.\d+)?", back)) >= 3)  # (“[0.0, 1.0]” is a range)
    return "random-output" if RANDOM_CALL.search(card.front) and card.kind is not CardKind.CODE and printed else None


# A terminal session as a code block (“$ nvidia-smi …” over what it printed): what one command showed, not code to write.
PROMPT_LINE = re.compile(r"\s*(?:\$|>>>|PS>|C:\\>)\s+\S")


def transcript(card: Card) -> str | None:
    if card.kind is not CardKind.CODE or not card.code.strip():
        return None
    lines = [line for line in card.code.splitlines() if line.strip()]
    if not lines or not lines[0].lstrip().startswith("$ "):
        return None
    # (what it printed: the lines that are no command, no command's going on, “\”, “>”, a here-document, a comment)
    printed, going_on, heredoc = 0, False, ""
    for line in lines:
        stripped = line.strip()
        if heredoc:
            heredoc = "" if stripped == heredoc else heredoc
        elif not (PROMPT_LINE.match(line) or going_on or stripped.startswith(("#", ">"))):
            printed += 1
        going_on = stripped.endswith("\\")
        if (here := re.search(r"<<-?\s*['\"]?(\w+)", line)) and PROMPT_LINE.match(line):
            heredoc = here.group(1)
    return "transcript" if printed >= 2 else None  # (one line printed, “-rwxr-x---”, may be the point)


# A value R Markdown or Quarto computes when the document is rendered (“`r round(coef(fit)[2], 3)`”, “`{python} n`”).
# (a name, a call, a number after it: “`r = 0.5`” is Python's r)
RENDERED_VALUE = re.compile(r"`(?:r|\{(?:r|python|julia|ojs)\})\s++(?![\s=+\-*/<>!%&|^,;:.)\]])[^`\n]+`")


# What a card asks when it asks what something printed (“Count ids: what is its output?”, “计数的输出是什么？”), and an
# answer that shows what code printed: a tensor, an array.
ASKS_OUTPUT = re.compile(r"(?:what (?:is|are) its|的)\s*(?:outputs?|printed output|prints?|输出|打印(?:结果)?)\s*(?:是什么)?[?？]\s*$",
                         re.I)
PRINTED_VALUE = re.compile(r"\b(?:tensor|array)\(")


def output_without_input(card: Card) -> str | None:
    """What something printed, asked of a name alone (“Count occurrences of each id: what is its output?” →
    “tensor([2, 1, 2, 0, 0])”): the call and its inputs are not on the front, so it cannot be answered."""
    if card.kind is not CardKind.DEFINITION or "`" in card.front or "$" in card.front:
        return None
    return "output-without-input" if ASKS_OUTPUT.search(card.front) and PRINTED_VALUE.search(card.back) else None


def rendered_value(card: Card) -> str | None:
    """An answer the notes do not hold: a value computed when the document is rendered (“$\\hat\\beta_1 = `r
    round(coef(fit)["wt"], 3)`$”), the code that computes it in its place, as the part a formula or a cloze hides."""
    if card.kind not in (CardKind.FORMULA, CardKind.CLOZE):
        # (a definition that ends “…; in our fit it is `r b1`” still says what the thing is; one that is only the value
        # is none)
        return "rendered-value" if RENDERED_VALUE.fullmatch(card.back.strip().rstrip(".。")) else None
    hidden = " ".join(m.group(2) for m in CLOZE.finditer(card.front)) if card.kind is CardKind.CLOZE else card.back
    asked = set(RENDERED_VALUE.findall(hidden)) - set(RENDERED_VALUE.findall(CLOZE.sub("", card.front)))
    return "rendered-value" if asked else None


GATES: list[Callable[[Card], str | None]] = [
    empty_answer, blank_answer, rendered_value, output_without_input, random_output, transcript, todo_answer, turned_down, link_answer, score_answer, byline_answer, course_rule, no_subject, setup_only, not_code, machine_output, glue_code, url_front,
    leaked_syntax, too_long, answer_in_front, unfinished, not_an_answer, derivation_step, equation_reference,
    declaration, marked]


def left_out(card: Card, reason: str, traditional: bool = False, **kw) -> Notice:
    """The notice for ``card`` left out for ``reason``, in the notes' language (and script: ``traditional``)."""
    zh, en = MESSAGES[reason]
    zh = zh.translate(TO_TRADITIONAL) if traditional else zh  # (the template only: the notes' own words stay as written)
    front = " ".join(card.front.split())
    # a long front is shown by its start and its end: the place in the notes, and what it asks
    front = front if len(front) <= 40 else front[:17].rstrip() + "…" + front[-22:].lstrip()
    return Notice(card.source, f"left-out:{reason}", say(card.lang, zh, en, front=front, **kw))


def gate(cards: list[Card], traditional: bool = False) -> tuple[list[Card], list[Notice]]:
    """The cards that pass every gate, and a notice for each one left out (in traditional characters for notes
    written in them)."""
    kept: list[Card] = []
    notices: list[Notice] = []
    for card in cards:
        reason = next((r for r in (g(card) for g in GATES) if r), None)
        if reason:
            notices.append(left_out(card, reason, traditional))
        else:
            kept.append(card)
    return _one_card_per_formula(*_worked_functions(*_one_front_per_deck(kept, notices, traditional), traditional),
                                 traditional)


def _made_up_function(card: Card) -> tuple[str, int] | None:
    """The function a formula card asks of, and how often it is differentiated, where its right side holds
    numbers and its one variable alone (“f(x) = x^3” → (“f”, 0), “f''(x) = 6x” → (“f”, 2)), or None."""
    if card.kind is not CardKind.FORMULA or not card.formulas:
        return None
    shown = " ".join(card.front.split())
    hidden = [f for f in card.formulas if " ".join(f.split()) not in shown]
    equation = re.fullmatch(r"\s*([^=]+?)\s*=\s*([^=]+?)[\s.,;，。]*", hidden[-1] if hidden else card.formulas[-1])
    named = MADE_UP_FUNCTION.fullmatch(equation.group(1)) if equation else None
    if not named or not _only_in(equation.group(2), named.group("x")):
        return None
    order = named.group("order")
    return named.group("f"), order.count("'") + order.count("prime") or int(re.sub(r"\D", "", order) or 0)


def _worked_functions(cards: list[Card], notices: list[Notice], traditional: bool = False) -> tuple[list[Card], list[Notice]]:
    """A function made up on the spot and worked out in one display (“f(x) = x^3, f'(x) = 3x^2, f''(x) = 6x”)
    is an example of a rule, each card of it a step with nothing to stand on. (One such formula alone,
    “1/x 的导数：f'(x) = -1/x^2”, “f(n) = n(n-1)/2”, the logistic map's “f(x) = 4x(1-x)”, is a fact.)"""
    orders: dict[tuple[str, int, str], set[int]] = {}
    for card in cards:
        made = _made_up_function(card)
        if made:
            orders.setdefault((card.doc, card.source.line, made[0]), set()).add(made[1])
    kept: list[Card] = []
    for card in cards:
        made = _made_up_function(card)
        if made and len(orders[(card.doc, card.source.line, made[0])]) > 1:
            notices.append(left_out(card, "example", traditional))
        else:
            kept.append(card)
    return kept, notices


def _one_front_per_deck(cards: list[Card], notices: list[Notice], traditional: bool = False) -> tuple[list[Card], list[Notice]]:
    """Two cards of one deck that ask the same but answer differently both go: neither
    question says which answer it wants."""
    groups: dict[tuple, list[Card]] = defaultdict(list)
    for card in cards:
        groups[(card.deck, _plain(card.front))].append(card)
    dropped: set[int] = set()
    for group in groups.values():
        if len(group) > 1 and len({_plain(c.back) for c in group}) > 1:
            first = group[0]
            for card in group:
                dropped.add(id(card))
                other = group[1] if card is first else first
                notices.append(left_out(card, "duplicate-front", traditional, line=other.source.line))
    return [c for c in cards if id(c) not in dropped], notices


def _one_card_per_formula(cards: list[Card], notices: list[Notice], traditional: bool = False) -> tuple[list[Card], list[Notice]]:
    """A formula a summary writes again (a theorem, then its line in a quick-reference list or a
    小结) is asked once, where it first stands: the summary's card answers with what an earlier one
    already asks for. (Elsewhere two equations with one right side may be two facts: a uniform
    distribution's mean and median, OLS and the Gaussian MLE; and one equation in two sections is a
    step of each one's procedure, as is one restated with its own left side: “the MLE is also $\\hat\\beta = …$”.)"""
    first: dict[str, tuple[Card, str]] = {}
    sides: dict[str, Card] = {}  # every right side a formula card asked so far, short ones too (“p - q”)
    kept: list[Card] = []
    for card in cards:
        answers = _answered_formulas(card)
        # (the section the card is in, not a chapter above it: “## 优化算法回顾” may hold every optimizer)
        summing_up = len(card.deck) > 1 and bool(SUMMARY_SECTION.search(card.deck[-1]))
        earlier = next((first[rhs][0] for rhs, lhs in answers.items() if rhs in first and (not lhs or lhs != first[rhs][1])),
                       None) if summing_up else None
        bare = _bare_formula(card) if summing_up else ""
        if earlier is None and bare and bare in sides and _same_subject(card, sides[bare]):
            # “**BCE grad**: $\sigma(x) - t$” in a quick reference, after “BCE: Gradient: $\partial\ell/\partial x = ?$”
            # (“**Work to stop a moving mass**: $\frac12 mv^2$” after the kinetic energy is a fact of its own)
            earlier = sides[bare]
        if earlier is not None:
            notices.append(left_out(card, "restated", traditional, line=earlier.source.line))
            continue
        for rhs, lhs in answers.items():
            first.setdefault(rhs, (card, lhs))
        for rhs in _asked_sides(card):
            sides.setdefault(rhs, card)
        kept.append(card)
    return kept, notices


def _same_subject(card: Card, earlier: Card) -> bool:
    """Whether the bold term a summary's card asks about shares a word with the earlier card's front or
    headings (“grad” with “Gradient”, “BCE” with “BCE”; Chinese: two characters in a row)."""
    term = re.search(r"\*\*(.+?)\*\*", card.front)
    if term is None:
        return False
    said = " ".join((earlier.front, *earlier.deck)).casefold()
    words = re.findall(r"[a-z]{3,}", term.group(1).casefold())
    prefixes = {w[:4] for w in re.findall(r"[a-z]{3,}", said)}
    hanzi = re.findall(r"[\u4e00-\u9fff]+", term.group(1))
    return any(w[:4] in prefixes for w in words) or any(h[i:i + 2] in said for h in hanzi for i in range(len(h) - 1))


def _bare_formula(card: Card) -> str:
    """The formula a definition card answers with, alone and with no relation in it (“$\\sigma(x) - t$”),
    normalised; "" for any other card, and for one of a symbol or two (“$\\mu$”, “$\\log K$”)."""
    if card.kind is not CardKind.DEFINITION:
        return ""
    spans = math_spans(card.back)
    if len(spans) != 1 or without_math(card.back).strip(" .,;，。；") or RELATION_SPLIT.search(spans[0][2]):
        return ""
    body = spans[0][2]
    return _formula_key(body) if len(_formula_key(re.sub(r"\\[a-zA-Z]+", "x", body))) >= 3 else ""


def _asked_sides(card: Card) -> list[str]:
    """The right sides, normalised, of the equations a formula card asks to complete."""
    if card.kind is not CardKind.FORMULA:
        return []
    front = _formula_key(card.front)
    return [rhs for formula in card.formulas for parts in [RELATION_SPLIT.split(formula)] if len(parts) >= 2
            for rhs in [_formula_key(parts[-1])] if rhs not in front]


def _answered_formulas(card: Card) -> dict[str, str]:
    """The right-hand sides a formula or definition card asks for, normalised, each with its left
    side (“G\\odot\\sigma'(X)” → “dX”, from “$dX = G\\odot\\sigma'(X)$”): those its front does not
    already show. Short ones (“λ”, “np”) are left out: two quantities may
    well share them."""
    if card.kind is CardKind.FORMULA:
        formulas = card.formulas
    elif card.kind is CardKind.DEFINITION:
        spans = math_spans(card.back)
        formulas = tuple(body for _, _, body, _ in spans) if len(spans) == 1 and \
            not without_math(card.back).strip(" .,;，。；") else ()
    else:
        return {}
    front = _formula_key(card.front)
    out = {}
    for formula in formulas:
        parts = RELATION_SPLIT.split(formula)
        if len(parts) < 2:
            continue  # (a table's cell, “$O(n \\log n)$”, is a fact about its row, not an equation)
        rhs = _formula_key(parts[-1])
        shown = _formula_key(re.sub(r"\\[a-zA-Z]+", "x", parts[-1]))  # (“\\lambda” is one symbol)
        if len(shown) >= 5 and rhs not in front:
            out[rhs] = _formula_key(parts[0])
    return out


# A section that sums up what came before (“附：速查”, “小结”, “Summary”, “Cheat sheet”, “A4 纸上的版本”).
SUMMARY_SECTION = re.compile(r"速查|小结|总结|汇总|回顾|summary|recap|cheat ?sheet|quick ?ref(?:erence)?|tl;?dr|"
                             r"\bA4\b", re.I)
RELATION_SPLIT = re.compile(r":=|(?<![<>!=:])=(?!=)|\\approx\b|\\equiv\b")


def _formula_key(text: str) -> str:
    text = re.sub(r"\\(?:left|right|displaystyle)\b|\\[,;:!]|\\q?quad\b", "", text)
    text = re.sub(r"\\[lr]?vert(?![A-Za-z])", "|", re.sub(r"\\[lr]?Vert(?![A-Za-z])", r"\\|", text))  # (“\lvert x\rvert”: “|x|”)
    text = re.sub(r"\\[dt]frac\b", r"\\frac", text)
    return re.sub(r"\s+", "", text).rstrip(".,;，。；")


def unanswered(cards: list[Card]) -> tuple[list[Card], list[Notice]]:
    """After answers are looked up across the notes: questions still without one are left out."""
    kept, notices = [], []
    for card in cards:
        if card.kind is CardKind.QUESTION and not card.back.strip():
            notices.append(left_out(card, "no-answer"))
        else:
            kept.append(card)
    return kept, notices
