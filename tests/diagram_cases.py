"""Comparisons shared by the diagram's unit, golden and browser tests: one realistic, many hostile."""

from __future__ import annotations

from glossator.content.model import Cell, Comparison, Row

CREDIT = "AI Glossary · https://glossator.github.io/glossator/glossary/fine-tuning/"


def text(value: str) -> Cell:
    return Cell("text", value)


def yes(value: str = "") -> Cell:
    return Cell("yes", value)


def no(value: str = "") -> Cell:
    return Cell("no", value)


def partial(value: str = "") -> Cell:
    return Cell("partial", value)


def rating(n: int, of: int = 5) -> Cell:
    return Cell("rating", rating=n, of=of)


FINE_TUNING = Comparison(
    "Fine-Tuning vs RAG vs Prompt Engineering",
    ("Fine-Tuning", "RAG", "Prompt Eng."),
    (
        Row(
            "What changes",
            (text("Model weights"), text("What the model reads"), text("Instructions only")),
            "Where the modification lives",
        ),
        Row("Relative cost", (text("$$$"), text("$$"), text("$")), "Setup plus upkeep"),
        Row(
            "Updates with new info?",
            (no("Must retrain"), yes("Update the documents"), partial("Edit the prompt by hand")),
        ),
        Row("Implementation difficulty", (rating(4), rating(3), rating(1))),
        Row(
            "Data you need",
            (text("Hundreds of labeled examples"), text("A searchable document set"), text("None")),
            "Before you can start",
        ),
        Row(
            "Best at",
            (text("Consistent style and format"), text("Answers from your own data"), text("Fast experiments")),
        ),
    ),
)

LONG_WORD = "Pneumonoultramicroscopicsilicovolcanoconi"  # 41 characters
assert len(LONG_WORD) >= 40

LONG_TEXT = (
    "Retrieval-augmented generation fetches passages from your own documents at question time and places them "
    "in the prompt, so the model can answer from material it never saw in training; the catch is that the "
    "answer is only as good as the search that found the passages, and nobody reads the whole index."
)
assert len(LONG_TEXT) >= 300

KINDS = Comparison(
    "Every kind of cell",
    ("This term", "Other", "Third"),
    (
        Row("Plain text", (text("Words"), text(""), text("1,200 examples"))),
        Row("Yes", (yes("Supported out of the box"), yes(), yes("Yes"))),
        Row("No", (no("Not at all"), no(), no("Never"))),
        Row("Partial", (partial("Only by hand"), partial(), partial("Sometimes"))),
        Row("Rating", (rating(5), rating(0), rating(2))),
        Row("Rating out of ten", (rating(7, 10), rating(10, 10), rating(1, 3)), "An optional of: field"),
    ),
)

SCRIPTS = Comparison(
    "大規模言語モデルと検索拡張生成 · النماذج اللغوية",
    ("大语言模型", "検索拡張生成", "التوليد المعزز"),
    (
        Row(
            "中文说明",
            (
                text("大语言模型通过在海量文本上训练来预测下一个词元，因此它擅长流畅地写作，却不一定知道最新的事实。"),
                yes("可以随时更新知识库"),
                partial("部分支持"),
            ),
            "简体中文的提示",
        ),
        Row(
            "日本語の説明",
            (
                text("モデルの重みを変えずに、質問のたびに関連する文書を検索して「プロンプト」に加えます。"),
                no("再学習が必要です"),
                text("カタカナとひらがなと漢字"),
            ),
            "ヒント：日本語",
        ),
        Row(
            "العربية",
            (
                text("يتعلم النموذج من كميات هائلة من النصوص ثم يتنبأ بالكلمة التالية في الجملة"),
                yes("تحديث قاعدة المعرفة"),
                text("עברית: מודל שפה גדול לומד מטקסטים רבים"),
            ),
            "تلميح باللغة العربية",
        ),
        Row(
            "Ελληνικά · Кириллица",
            (
                text("Μεγάλο γλωσσικό μοντέλο που μαθαίνει από κείμενα"),
                partial("Большая языковая модель"),
                text("한국어 텍스트 · देवनागरी लिपि · ภาษาไทย"),
            ),
            "Ђурђевак, Ѝ, ♬",
        ),
        Row(
            "Emoji 🤖",
            (
                text("Agents 🤖 call tools 🛠️ and read files 📄 then report back ✅ to the user 👩🏽‍💻"),
                yes("👍🏽 works with 🇫🇷 🇯🇵 flags"),
                text("👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦"),
            ),
        ),
    ),
)

HOSTILE = Comparison(
    '<script>alert("title")</script> & "quotes" \'too\'',
    ("<script>alert(1)</script>", 'A & B "C"', "<b>bold</b>\x00\x07\x1b"),
    (
        Row(
            '</text><script>alert("label")</script>',
            (text("x < y && y > z"), yes("<img src=x onerror=alert(1)>"), no("\"'&amp;")),
            "hint with <tags> & \x0bcontrol\x1f chars\ud800",
        ),
    ),
)

STRESS: dict[str, Comparison] = {
    "long-word": Comparison(
        f"A title with a long word {LONG_WORD}",
        (LONG_WORD, "Short", "Also short"),
        (
            Row(LONG_WORD, (text(LONG_WORD), text(f"before {LONG_WORD} after"), yes(LONG_WORD)), LONG_WORD),
            Row("Normal", (text("Fine"), text("Fine"), text("Fine"))),
        ),
    ),
    "long-cell": Comparison(
        "A cell with three hundred characters",
        ("Retrieval-augmented generation", "Fine-tuning", "Prompting"),
        (
            Row("How it works", (text(LONG_TEXT), partial(LONG_TEXT), text("Short")), LONG_TEXT),
            Row(LONG_TEXT, (text("Short"), text(LONG_TEXT + " " + LONG_TEXT), no(LONG_TEXT))),
        ),
    ),
    "scripts": SCRIPTS,
    "five-by-ten": Comparison(
        "Five columns and ten rows of a much larger comparison than anyone should write",
        ("Large language model", "Small model", "Rules engine", "Search index", "Spreadsheet"),
        tuple(
            Row(
                f"Aspect number {i + 1}" + (" with a longer label than usual" if i % 3 == 0 else ""),
                (
                    text("A fairly long description of this aspect" if i % 2 else "Short"),
                    [yes, no, partial][i % 3]("Depends on the data" if i % 4 else ""),
                    rating(i % 6),
                    text(f"{i * 137} ms"),
                    text("Yes, if someone keeps it up to date every single week"),
                ),
                "A quieter hint line" if i % 2 == 0 else "",
            )
            for i in range(10)
        ),
    ),
    "two-by-one": Comparison("Tiny", ("A", "B"), (Row("Only row", (text("x"), yes("y"))),)),
    "empty-hint": Comparison(
        "Hints present and absent",
        ("With", "Without"),
        (
            Row("Has a hint", (text("One"), text("Two")), "The hint"),
            Row("Empty hint", (text("One"), text("Two")), ""),
            Row("Whitespace hint", (text("One"), text("Two")), "   "),
        ),
    ),
    "kinds": KINDS,
    "hostile": HOSTILE,
    "fine-tuning": FINE_TUNING,
}

GOLDEN: dict[str, tuple[Comparison, bool]] = {
    "fine-tuning": (FINE_TUNING, True),
    "fine-tuning-inline": (FINE_TUNING, False),
    "kinds": (KINDS, True),
    "scripts": (SCRIPTS, True),
}
