"""Interview detection and roles on invented articles."""

from __future__ import annotations

from climadiplo.read.interview import guess_interviewee, looks_like_interview, paragraph_roles

INTERVIEW = [
    "Maria Chen, an energy analyst at the Harbor Institute, has studied the talks for years.",
    "Chen returned from Geneva last week. We spoke with her about the negotiations.",
    "What did you expect from the meeting?",
    "Very little. Both sides needed to be seen talking.",
    "And did anything surprise you?",
    "The tone did. It was warmer than in March. Why? Because both had domestic reasons.",
    "This interview has been edited for length and clarity.",
]


def test_detects_interview_and_assigns_roles_and_voice():
    assert looks_like_interview(INTERVIEW)
    roles = paragraph_roles(INTERVIEW, genre=None, interviewee=None)
    assert [role for role, _ in roles] == [
        "narration",
        "narration",
        "question",
        "answer",
        "question",
        "answer",
        "narration",
    ]
    assert roles[3] == ("answer", "Maria Chen")
    assert roles[2] == ("question", "author")


def test_catalogue_genre_and_interviewee_win():
    roles = paragraph_roles(INTERVIEW, genre="interview", interviewee="Dr. M. Chen")
    assert roles[5] == ("answer", "Dr. M. Chen")


def test_q_and_a_prefixes():
    paragraphs = ["An exchange with a negotiator.", "Q: Will talks resume?", "A: Yes.", "Q: When?", "A: Soon, we hope."]
    assert looks_like_interview(paragraphs)
    assert [role for role, _ in paragraph_roles(paragraphs, None, None)] == [
        "narration",
        "question",
        "answer",
        "question",
        "answer",
    ]


def test_news_with_rhetorical_questions_is_not_an_interview():
    news = [
        "The envoys met in Geneva on Monday.",
        "Will the talks succeed?",
        "Analysts are divided. Some expect a deal by autumn.",
        "What happens next?",
        "The next round is due in May.",
    ]
    assert not looks_like_interview(news)
    assert set(paragraph_roles(news, None, None)) == {("narration", "author")}


def test_a_news_genre_is_never_read_as_interview():
    assert set(paragraph_roles(INTERVIEW, genre="news", interviewee=None)) == {("narration", "author")}


def test_guess_interviewee_prefers_the_recurring_surname():
    assert guess_interviewee("according to Alex Wang of UCLA. Wang recently returned.") == "Alex Wang"
    assert guess_interviewee("no names here.") is None


# Markdown transcripts (review 10): bold or italic question markers are layout, the question test reads the words.
MARKDOWN_QA = [
    "Ports minister Lena Okafor spoke to us about the harbour dispute with the neighbouring province.",
    "**Q: Is the harbour deal finished?**",
    "A: Not yet. Both councils still have to vote on it.",
    "__Q:__ The province says you moved too fast.",
    "A: We consulted for two years.",
    "*Q.* What happens if the vote fails?",
    "A: Then we start again in spring.",
]


def test_markdown_emphasis_does_not_hide_questions():
    roles = [role for role, _ in paragraph_roles(MARKDOWN_QA, genre="interview", interviewee=None)]
    assert roles == ["narration", "question", "answer", "question", "answer", "question", "answer"]
    assert looks_like_interview(MARKDOWN_QA)


def test_a_bold_interviewer_label_marks_questions_without_question_marks():
    paragraphs = [
        "We talked with the mayor, Ida Brandt, about the river agreement.",
        "**Reporter:** Will the agreement hold through the dry season?",
        "**Brandt:** I think so. The upstream towns signed it too.",
        "**Reporter:** Some farmers call it a surrender.",
        "**Brandt:** They will see the water first.",
        "**Reporter:** And the cost?",
        "**Brandt:** Shared, as the treaty says.",
    ]
    roles = paragraph_roles(paragraphs, genre=None, interviewee=None)
    assert [role for role, _ in roles] == ["narration"] + ["question", "answer"] * 3
    assert roles[4] == ("answer", "Ida Brandt")


def test_interviewee_label_is_not_taken_for_the_interviewer():
    paragraphs = [
        "An interview with Omar Haddad.",
        "Q: Why now?",
        "Haddad: Because the talks stalled. Who else would move?",
        "Q: And the treaty?",
        "Haddad: It stands.",
    ]
    roles = [role for role, _ in paragraph_roles(paragraphs, genre="interview", interviewee=None)]
    assert roles == ["narration", "question", "answer", "question", "answer"]


def test_page_furniture_labels_are_no_speakers_of_a_transcript():
    # codereview10b: "Update:" lines were speaker labels, so a live blog's asked updates could make an interviewer
    paragraphs = [
        "Talks on the river treaty resumed on Monday.",
        "Update: Will the upstream towns sign today?",
        "Officials said they expected a signature by noon.",
        "Update: Is the signing delayed again?",
        "A spokesman said the ceremony was moved to Tuesday.",
        "Update: Could the treaty still fail?",
        "Diplomats said it was unlikely.",
        "Update: Who pays for the new dam?",
        "The finance ministry said the cost would be shared.",
    ]
    roles = [role for role, _ in paragraph_roles(paragraphs, genre=None, interviewee=None)]
    assert roles == ["narration"] * len(paragraphs)
