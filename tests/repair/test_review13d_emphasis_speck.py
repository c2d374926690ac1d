"""review13d: mend13's emphasis underscores (`repair.noise`) when a speck is stuck to
one of them: the speck goes, the underscore stays and the pair with it (the run of
marks was cut whole: "_sic_•" lost its closing underscore, leaving "_sic").

Each sentence is invented; the test fails without the fix."""

from __future__ import annotations

from archivist.repair import repair_text


def test_a_speck_glued_to_an_emphasis_underscore_goes_alone() -> None:
    for text, want in (("The clerk wrote _sic_• beside the figure.",
                        "The clerk wrote _sic_ beside the figure."),
                       ("The clerk wrote •_sic_ beside the figure.",
                        "The clerk wrote _sic_ beside the figure.")):
        assert repair_text(text).text == want
