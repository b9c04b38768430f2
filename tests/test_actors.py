"""Actor mentions on invented text: aliases, demonyms, metonyms, surnames — and the limits."""

from __future__ import annotations

import pytest

from climadiplo.annotate.actors import find_mentions, load_gazetteer, trie_pattern


def actors_in(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.actor) for m in find_mentions(text) if m.actor_type != "unknown"]


def test_aliases_demonyms_and_capitals_map_to_countries():
    text = "Chinese officials met U.S. envoys in Washington, while Beijing and the US traded notes."
    assert actors_in(text) == [
        ("Chinese", "China"),
        ("U.S.", "United States"),
        ("Washington", "United States"),
        ("Beijing", "China"),
        ("US", "United States"),
    ]


def test_case_sensitive_aliases_do_not_match_ordinary_words():
    assert actors_in("Let us agree; the ira of the crowd grew.") == []


def test_whole_words_only_and_longest_alias_wins():
    assert actors_in("Xi Jinping and Xiamen officials met at the UN General Assembly.") == [
        ("Xi Jinping", "Xi Jinping"),
        ("UN General Assembly", "UN General Assembly"),
    ]


def test_possessives_and_hyphenated_compounds():
    assert actors_in("Blinken’s trip eased US-China strain.") == [
        ("Blinken", "Antony Blinken"),
        ("US", "United States"),
        ("China", "China"),
    ]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Alex Wang spoke first. Later, Wang said more.", "Alex Wang"),
        ("Wang Yi met the envoy. Wang said little.", "Wang Yi"),
        ("Wang Yi arrived. Then Alex Wang spoke. Wang said more.", "Alex Wang"),
    ],
)
def test_ambiguous_surname_follows_the_articles_latest_full_name(text, expected):
    last = [m for m in find_mentions(text) if m.surface == "Wang"][-1]
    assert last.actor == expected


def test_ambiguous_surname_without_a_full_name_stays_unknown():
    [mention] = [m for m in find_mentions("Wang said the talks went well.") if m.surface == "Wang"]
    assert mention.actor_type == "unknown"


def test_unknown_names_are_reported_as_candidates_with_their_surnames():
    mentions = find_mentions("Analyst Maria Chen of Harbor Capital said talks resumed. Chen expects progress.")
    unknown = [(m.surface, m.actor) for m in mentions if m.actor_type == "unknown"]
    assert ("Maria Chen", "Maria Chen") in unknown
    assert ("Harbor Capital", "Harbor Capital") in unknown
    assert ("Chen", "Maria Chen") in unknown


@pytest.mark.parametrize("name", ["Talia McCord", "Renata DeLuca", "Ewan MacRae", "Siobhan O'Dare"])
def test_a_name_word_with_an_inner_capital_or_o_is_part_of_an_unknown_name(name):
    surname = name.split()[-1]
    mentions = find_mentions(f"The envoy {name} spoke to reporters on Monday. Later {surname} left for Oslo.")
    unknown = {(m.surface, m.actor) for m in mentions if m.actor_type == "unknown"}
    assert (name, name) in unknown and (surname, name) in unknown


def test_titles_and_sentence_openers_are_not_part_of_unknown_names():
    mentions = find_mentions("Prime Minister Ana Silva met President Ruto. The Foreign Ministry said so.")
    unknown = {m.surface for m in mentions if m.actor_type == "unknown"}
    assert "Ana Silva" in unknown
    assert not any(name.startswith(("Prime", "President", "The")) for name in unknown)


def test_where_it_stops_a_single_capitalised_unknown_name_is_not_found():
    assert [m for m in find_mentions("Odinga said little.") if m.actor_type == "unknown"] == []


def test_trie_pattern_matches_exactly_the_words():
    import re

    words = ["US", "U.S.", "U.S", "USA", "United States"]
    pattern = re.compile(rf"^(?:{trie_pattern(words)})$")
    assert all(pattern.match(word) for word in words)
    assert not pattern.match("U") and not pattern.match("United")


def test_whole_word_spans_are_the_matches_of_the_words_alternation():
    import re

    from climadiplo.annotate.actors import _whole_word_spans, _whole_words

    words = ["Smith", "Smith-Jones", "Jones", "O'Brien", "Li", "Lim"]
    text = "Smith-Jones met Smith, Smithson, _Smith, Smith_ and Jones; O'Brien, Lim Li.Li ÉLi Li2 Li"
    regex = re.compile(rf"(?<![\w])(?:{trie_pattern(sorted(words))})(?![\w])")
    expected = [(m.start(), m.end(), m.group()) for m in regex.finditer(text)]
    assert _whole_word_spans(text, words) == expected
    assert expected[0][2] == "Smith-Jones" and ("Lim" in [word for _, _, word in expected])
    # the gazetteer's alternation (first character before the look-behind) finds the same
    assert [(m.start(), m.end(), m.group()) for m in _whole_words(sorted(words), r"[\w]").finditer(text)] == expected


def test_gazetteer_has_sides_and_dates():
    gazetteer = load_gazetteer()
    assert gazetteer.actors["Xi Jinping"].side == "China"
    assert gazetteer.actors["John Kerry"].side == "US"
    assert gazetteer.actors["COP26"].date.startswith("2021")


def test_bad_gazetteer_type_is_a_clear_error(tmp_path):
    from climadiplo.errors import InputError

    path = tmp_path / "actors.csv"
    path.write_text("actor,type,aliases,role,side,date\nX,planet,X,,,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"actors.csv:2: type 'planet'"):
        load_gazetteer(path)


def one_word_names(text: str, starts: list[int] | None = None) -> list[tuple[str, str, str]]:
    from climadiplo.annotate.actors import single_names

    mentions = find_mentions(text)
    return [(m.surface, m.actor, m.actor_type) for m in single_names(text, mentions, starts or [0])]


def test_single_names_inside_a_sentence_become_unknown_mentions():
    names = one_word_names("Voters in Iowa backed Sanders, and the GOP blamed the Bundestag.")
    assert ("Sanders", "Sanders", "unknown") in names
    assert ("GOP", "GOP", "unknown") in names
    assert ("Bundestag", "Bundestag", "unknown") in names


def test_single_names_after_a_title_and_with_a_possessive():
    names = {surface for surface, _, _ in one_word_names("Aides to Mr. Cruz met Sanders’s staff.")}
    assert {"Cruz", "Sanders"} <= names


def test_a_comma_ends_a_run_of_capitalised_words():
    """ "Hillary Clinton, Sanders": the name after the comma is a name of its own, not the tail of a run."""
    names = {surface for surface, _, _ in one_word_names("Polls showed Hillary Clinton, Sanders and the rest close.")}
    assert "Sanders" in names
    names = {surface for surface, _, _ in one_word_names("He wrote on Twitter, Dorsey said.")}
    assert "Dorsey" in names


def test_a_lone_surname_of_a_gazetteer_person_named_in_the_document_is_that_person():
    names = one_word_names("Hillary Clinton spoke. Later, aides said Clinton was tired.", [0, 23])
    assert ("Clinton", "Hillary Clinton", "person") in names


def test_sentence_openers_dates_and_pronouns_are_not_single_names():
    text = "However, on Monday She said nothing. Critics argue it failed in May."
    assert one_word_names(text, [0, 37]) == []


def test_a_sentence_opening_word_is_a_name_only_with_evidence():
    assert [n[0] for n in one_word_names("Odinga said little.")] == ["Odinga"]
    assert one_word_names("Odinga, though, arrived.") == []  # no verb or possessive after it
    assert one_word_names("Hope grows. Hope fades.", [0, 12]) == []  # an ordinary word
    assert one_word_names("Sunshine said no. The sunshine left.", [0, 18]) == []  # written lower-case too
    text = "Odinga arrived late. Voters cheered Odinga."
    assert [n[0] for n in one_word_names(text, [0, 21])] == ["Odinga", "Odinga"]


def test_words_of_a_longer_capitalised_run_are_left_to_the_run():
    assert one_word_names("He read The Big Short Novel Of Greed yesterday.") == []


def test_one_word_names_reach_the_mentions_table_with_a_tone_but_not_the_actors_view(write):
    from climadiplo.analyse.aggregates import actor_counts
    from climadiplo.pipeline import build_tables
    from climadiplo.read.corpus import load_corpus

    corpus = write(
        "corpus/a.txt", "Voters in Ohio cheered Sanders. Hillary Clinton spoke later. Aides said Clinton won.\n"
    )
    mentions = build_tables(load_corpus(corpus.parent))["mentions"]
    sanders = mentions[mentions["surface"] == "Sanders"]
    assert sanders["actor_type"].tolist() == ["unknown"] and sanders["sentiment"].notna().all()
    assert (mentions["surface"] == "Clinton").sum() == 1  # the lone surname, beside the full name
    counts = actor_counts(mentions)
    assert "Sanders" not in set(counts["actor"])
    assert counts.set_index("actor").loc["Hillary Clinton", "n_sentences"] == 2


def test_runs_and_sentence_openings_are_seen_across_line_breaks_and_unsplit_full_stops():
    assert one_word_names("Growth slowed.\n\nFULL TEXT follows.") == []
    assert one_word_names("The talks ended.  Fortunately, it rained.") == []  # one sentence start given


def pronouns_in(text: str, starts: list[int] | None = None) -> list[tuple[str, str]]:
    from climadiplo.annotate.actors import pronoun_mentions, single_names

    mentions = find_mentions(text)
    mentions += single_names(text, mentions, starts or [0])
    found = pronoun_mentions(text, mentions)
    assert {m.actor_type for m in found} <= {"pronoun"}
    return [(m.surface, m.actor) for m in found]


def test_pronouns_take_the_last_person_named_whose_gender_agrees():
    text = "Mrs. Jane Doe met John Smith. He said she was right. Mr. Smith told her his view."
    assert pronouns_in(text, [0, 30, 53]) == [
        ("He", "John Smith"),  # the last person; Jane Doe is titled Mrs.
        ("she", "Jane Doe"),
        ("her", "Jane Doe"),
        ("his", "John Smith"),
    ]


def test_a_pronoun_once_resolved_gives_its_person_a_gender():
    text = "Tom Vale spoke. He left. Anna Berg met Vale, and Berg told Vale she was sure."
    # "He" could only mean Tom Vale, so he is male, and "she" passes over him, the last person named, for Anna Berg.
    assert pronouns_in(text, [0, 16, 25]) == [("He", "Tom Vale"), ("she", "Anna Berg")]


def test_a_given_name_of_the_other_gender_is_another_bearer_of_the_surname():
    # codereview10b: "Joan" shared the first two letters of Joe Biden's given name and was read as his short form
    found = [(m.surface, m.actor_type) for m in find_mentions("Joan Biden said the plan failed.")]
    assert found[0] == ("Joan Biden", "unknown")
    assert [(m.actor, m.actor_type) for m in find_mentions("Joe Biden said so.")] == [("Joe Biden", "person")]


def test_a_known_given_name_gives_its_person_a_gender():
    # recheck10: "Prime Minister Mark Rutte … The Dutch minister of culture has said she supports it" gave she -> Rutte
    text = "Prime Minister Mark Rutte apologised. The culture minister has said she supports it."
    assert pronouns_in(text, [0, 38]) == [("she", "")]


def test_a_name_outside_the_gazetteer_is_a_person_only_when_titled_or_called_by_surname():
    assert pronouns_in("Wall Street rallied. He said so.", [0, 21]) == [("He", "")]
    assert pronouns_in("Eric Woolson spoke. Woolson said he won.", [0, 20]) == [("he", "Eric Woolson")]


def test_a_name_outside_the_gazetteer_that_speaks_is_a_person_for_a_later_pronoun():
    # Invented: an unknown given name says nothing of gender, but the speaker is a person (Modi is no nearer).
    text = "Narendra Modi spoke first. Lindiwe Okafor-Baptiste, an analyst at a bank, said it was late. She left."
    assert pronouns_in(text, [0, 27, 91]) == [("She", "Lindiwe Okafor-Baptiste")]
    assert pronouns_in("Narendra Modi spoke. Tumi Ndlovu said no. She left.", [0, 21, 42]) == [("She", "Tumi Ndlovu")]


def test_an_organisation_word_of_a_capitalised_run_is_one_name():
    # Invented: the place inside an organisation's name is no actor of its own (nor a speaker).
    text = "Sipho Dube works at the University of Port Elizabeth and at Massachusetts Institute of Technology."
    names = [m.surface for m in find_mentions(text)]
    assert "University of Port Elizabeth" in names and "Port Elizabeth" not in names
    assert "Massachusetts Institute of Technology" in names


def test_plural_and_unclear_pronouns_stay_unresolved_and_it_is_no_mention():
    assert pronouns_in("They said it was over, and he agreed with them.") == [("They", ""), ("he", ""), ("them", "")]
    assert pronouns_in("The GOP said he lied.") == [("he", "")]  # an acronym is no person
    assert pronouns_in("Its rivals hate it.") == []
    assert pronouns_in("He's sure they’ll win, Theodore said of Hershey's 'theme'.") == [("He", ""), ("they", "")]


def test_pronoun_mentions_get_a_tone_but_stay_out_of_the_actors_view(write):
    from climadiplo.analyse.aggregates import actor_counts, actor_sentiment, co_mentions, sentence_actors
    from climadiplo.pipeline import build_tables
    from climadiplo.read.corpus import load_corpus

    corpus = write("corpus/a.txt", "Hillary Clinton spoke in Ohio. Later she praised voters and they cheered her.\n")
    tables = build_tables(load_corpus(corpus.parent))
    mentions = tables["mentions"]
    pronouns = mentions[mentions["actor_type"] == "pronoun"]
    assert pronouns["surface"].tolist() == ["she", "they", "her"]
    assert pronouns["actor"].tolist() == ["Hillary Clinton", "", "Hillary Clinton"]
    assert pronouns["sentiment_score"].between(-1, 1).all() and pronouns["sentiment"].notna().all()
    for view in (sentence_actors(mentions), sentence_actors(mentions, include_unknown=True), actor_counts(mentions)):
        assert "pronoun" not in set(view["actor_type"]) and "" not in set(view["actor"])
    assert actor_counts(mentions).set_index("actor").loc["Hillary Clinton", "n_sentences"] == 1
    assert actor_sentiment(tables["sentences"], mentions).set_index("actor").loc["Hillary Clinton", "n_sentences"] == 1
    pairs = co_mentions(mentions)
    assert "" not in set(pairs["actor_a"]) | set(pairs["actor_b"])


def test_sentence_indices_are_sentence_index_of_each_position():
    from climadiplo.annotate.actors import sentence_index, sentence_indices

    starts = [0, 10, 25, 40]
    positions = [0, 3, 9, 10, 11, 24, 25, 39, 40, 99]
    assert sentence_indices(starts, positions) == [sentence_index(starts, p) for p in positions]
    assert sentence_indices(starts, positions) == [0, 0, 0, 1, 1, 1, 2, 2, 3, 3]
    assert sentence_indices([5], [0, 5]) == [0, 0] and sentence_indices(starts, []) == []


def test_mentions_made_by_the_pipeline_are_ordinary_frozen_mentions():
    import dataclasses

    from climadiplo.annotate.actors import Mention

    mentions = find_mentions(
        "Prime Minister Boris Johnson met Eric Woolson in Paris. Woolson said so.", load_gazetteer()
    )
    assert mentions
    for mention in mentions:
        made = Mention(mention.start, mention.end, mention.surface, mention.actor, mention.actor_type)
        assert mention == made and hash(mention) == hash(made) and repr(mention) == repr(made)
        assert list(vars(mention)) == [field.name for field in dataclasses.fields(Mention)]
        with pytest.raises(dataclasses.FrozenInstanceError):
            mention.start = 0


def all_in(text: str) -> list[tuple[str, str, str]]:
    return [(m.surface, m.actor, m.actor_type) for m in find_mentions(text)]


def test_a_surname_alias_inside_another_full_name_is_that_other_person():
    text = "Sara Netanyahu opened the gallery, and the economist Mario Rubio spoke. Jamie Podesta wrote the memo."
    assert all_in(text) == [
        ("Sara Netanyahu", "Sara Netanyahu", "unknown"),
        ("Mario Rubio", "Mario Rubio", "unknown"),
        ("Jamie Podesta", "Jamie Podesta", "unknown"),
    ]


def test_the_surname_after_another_bearer_is_theirs_unless_the_actor_is_named():
    # Nobody else called Rubio is named: "Rubio" after Luis Rubio is him.
    assert all_in("Luis Rubio, a banker in Lima, warned of a slump. Rubio said rates would rise.")[-1] == (
        "Rubio",
        "Luis Rubio",
        "unknown",
    )
    # The actor is named in full, or by the surname before: a later "Rubio" stays the actor.
    named = all_in("Marco Rubio thanked Luis Rubio, his host. Rubio said the talks went well.")
    assert named[0][1] == named[-1][1] == "Marco Rubio"
    assert named[1] == ("Luis Rubio", "Luis Rubio", "unknown")
    earlier = all_in("Netanyahu arrived with his wife Sara Netanyahu. Netanyahu said little.")
    assert [actor for _, actor, _ in earlier] == ["Benjamin Netanyahu", "Sara Netanyahu", "Benjamin Netanyahu"]


def test_titles_openers_ordinary_words_and_own_given_names_keep_the_actor():
    text = (
        "Senator Rubio met Marco Rubio's staff. Then Netanyahu spoke. Will Netanyahu resign? "
        "Rebuking Podesta, the aide left. Critics Blame Podesta For Leak. Joseph Biden met Al Sisi."
    )
    assert [actor for _, actor, kind in all_in(text) if kind == "person"] == [
        "Marco Rubio",
        "Marco Rubio",
        "Benjamin Netanyahu",
        "Benjamin Netanyahu",
        "John Podesta",
        "John Podesta",
        "Joe Biden",
        "Abdel Fattah el-Sisi",
    ]
