"""Names a rule reads from the words around them: partners after "Messrs.", and the
place an office or a body of a parish belongs to."""

from archivist.extract.rules import rule_spans


def _spans(text: str) -> list[tuple[str, str]]:
    return sorted((text[s:e], ty) for s, e, ty in rule_spans(text))


def test_every_partner_after_messrs_is_a_person() -> None:
    assert _spans("The tenders of Messrs. Pryce and Hollin were opened.") == [
        ("Hollin", "PERSON"), ("Pryce", "PERSON")]
    assert ("Orton", "PERSON") in _spans("Messrs. Pryce, Hale and Orton, solicitors, wrote.")


def test_every_name_after_a_plural_office_is_a_person() -> None:
    got = _spans("were Councillors Pryce, Hale, Orton and Dunmere, and Aldermen Fenby and Coldby.")
    assert [n for n, ty in got if ty == "PERSON"] == [
        "Coldby", "Dunmere", "Fenby", "Hale", "Orton", "Pryce"]


def test_a_firm_after_messrs_is_no_second_person() -> None:
    got = _spans("Messrs. Brown and Company sold the lease.")
    assert ("Company", "PERSON") not in got and ("Brown", "PERSON") in got
    assert ("Sons", "PERSON") not in _spans("Messrs. Hale and Sons, drapers.")


def test_the_vicar_or_the_overseers_of_a_name_name_a_place() -> None:
    assert ("Fenby", "PLACE") in _spans("The vicar of Fenby wrote to the bishop.")
    assert ("Marsham", "PLACE") in _spans("and the overseers of Marsham met again.")
    assert ("Upper Coldby", "PLACE") in _spans("the inhabitants of Upper Coldby petitioned")


def test_a_bishops_see_is_a_place() -> None:
    assert ("Dunmere", "PLACE") in _spans("The Archbishop of Dunmere wrote a letter")
    assert ("Wexcombe", "PLACE") in _spans("the Lord Bishop of Wexcombe gave a sermon")
    assert ("Ostley", "PLACE") in _spans("a living in the diocese of Ostley")
    assert not any(ty == "PLACE" for _, ty in _spans("the Bishop of the Diocese spoke"))


def test_other_words_of_an_office_are_left_to_the_other_rules() -> None:
    assert not any(ty == "PLACE" for _, ty in _spans("the son of Hollin and the wife of Pryce"))
    assert ("Council", "PLACE") not in _spans("the rector of the Council school")


def test_an_office_after_a_royal_title_is_no_name() -> None:
    # "the Prince Regent" gave a person "Regent"
    assert _spans("the Prince Regent dined at the pavilion.") == []
    assert _spans("the Empress Dowager left the palace.") == []
    assert ("Albert", "PERSON") in _spans("Prince Albert spoke at the opening.")
