from __future__ import annotations

import pytest

from rag.glossary import abbreviations, chinese_words
from rag.tokens import english_words, exact_phrases, normalize, pinyin_query_terms, pinyin_terms, tokenize


def test_chinese_bigrams_keep_names_and_numbers_whole() -> None:
    terms = tokenize("去年全省共为2244名党员干部澄清正名", "bigram")
    assert "2244" in terms
    assert "党员" in terms and "澄清" in terms and "正名" in terms
    assert all(len(t) == 2 for t in terms if not t.isdigit())


def test_single_han_character_is_kept() -> None:
    assert tokenize("火", "bigram") == ["火"]


def test_english_words_lowercased_and_function_words_dropped() -> None:
    assert tokenize("How does the Fengtai District speed up approvals?", "bigram") == [
        "fengtai",
        "district",
        "speed",
        "up",
        "approvals",
    ]


def test_full_width_and_traditional_characters_are_normalised() -> None:
    assert normalize("ＡＢＣ１２３") == "abc123"
    assert tokenize("容錯糾錯機制", "bigram") == tokenize("容错纠错机制", "bigram")


def test_decimal_numbers_stay_whole() -> None:
    assert "3.5" in tokenize("增长3.5%", "bigram")


def test_unknown_analyzer_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unknown analyzer"):
        tokenize("x", "trigram")


def test_pinyin_terms_join_adjacent_syllables_of_chinese_runs() -> None:
    assert pinyin_terms("北京丰台区，杨丹。") == ["beijing", "jingfeng", "fengtai", "taiqu", "yangdan"]
    assert pinyin_terms("仓") == ["cang"]
    assert (
        pinyin_terms("鯉城區") == pinyin_terms("鲤城区") == ["licheng", "chengqu"]
    )  # traditional normalised
    assert pinyin_terms("Fengtai 2024") == []  # only Chinese text has pinyin
    assert tokenize("丰台", "pinyin") == ["fengtai"]


def test_pinyin_query_terms_are_latin_words_and_joined_pairs() -> None:
    terms = pinyin_query_terms("How is Beijing's Fengtai district helping Yang Dan?")
    assert {"beijing", "fengtai", "yangdan", "yang", "dan"} <= set(terms)
    assert "how" not in terms and "s" not in terms  # function words and a stray possessive letter
    assert pinyin_query_terms("丰台区审批服务改革") == []  # a Chinese question has none: the index stays out


# --- English question words -> Chinese words (rag.glossary, CC-CEDICT read backwards) ----------------------


def test_english_words_drop_function_and_question_words() -> None:
    assert english_words("How many firefighting operations has Yang Dan's unit taken part in?") == [
        "firefighting",
        "operations",
        "yang",
        "dan",
        "unit",
        "taken",
        "part",
    ]
    assert english_words("浙江的容错纠错机制是如何运作的？") == []


def test_chinese_words_translate_english_words_through_the_dictionary() -> None:
    words = chinese_words("What is the online platform for the Qingming martyrs campaign?")
    assert {"网上", "平台", "烈士", "英烈"} <= set(words)  # plural "martyrs" found as "martyr"
    assert all(len(w) >= 2 and all("\u4e00" <= ch <= "\u9fff" for ch in w) for w in words)
    assert chinese_words("浙江的容错纠错机制是如何运作的？") == []
    assert chinese_words("xyzzy qwrtp") == []


def test_a_phrase_in_the_dictionary_wins_over_its_words() -> None:
    """'police officer' is one entry (警官 and the like); its words are not looked up one by one."""
    phrase = chinese_words("police officer")
    assert phrase and set(phrase) != set(chinese_words("police")) | set(chinese_words("officer"))
    assert set(phrase) <= set(chinese_words("a police officer"))


def test_abbreviations_and_full_forms_stand_for_each_other() -> None:
    """CC-CEDICT's "abbr. for" entries, both ways; a question with neither form gets nothing."""
    assert abbreviations("本版的责任编辑是谁？") == ["责编"]
    assert abbreviations("北大在哪里") == ["北京大学"]
    assert abbreviations("浙江的容错纠错机制是如何运作的？") == []


# --- What a question wants word for word ----------------------------------------------------------------


def test_exact_phrases_are_what_a_question_quotes_and_the_people_it_names() -> None:
    assert exact_phrases("“专家有约”栏目的文章讲的是什么？") == ["专家有约"]
    assert exact_phrases("《非公企业党建》杂志的邮发代号是多少？") == ["非公企业党建"]
    assert exact_phrases("「鐵腕治污」行動做了什麼？") == ["铁腕治污"]  # normalised to simplified
    assert exact_phrases("吴闯军是哪个中队的消防员？") == ["吴闯军"]
    assert exact_phrases("楊丹的心願是什麼？") == ["杨丹"]
    assert exact_phrases("“专家有约”和“专家有约”") == ["专家有约"]  # once
    assert exact_phrases("“啊”是什么") == []  # one character is no phrase
    assert exact_phrases("浙江的容错纠错机制是如何运作的？") == []
    assert exact_phrases("What did Yang Dan say?") == []
