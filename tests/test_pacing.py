"""The pacing forest, exported from scikit-learn to arrays, predicts what scikit-learn does."""
import numpy
import pytest

from detector import pacing
from detector.features import FEATURE_NAMES


@pytest.fixture(scope="module")
def fitted():
    """A small model of the shipped kind on random calls whose class depends on interactions."""
    import pandas as pd

    rng = numpy.random.default_rng(0)
    X = pd.DataFrame(rng.random((240, len(FEATURE_NAMES))) * 10, columns=list(FEATURE_NAMES))
    y = numpy.where(X.iloc[:, 0] > 5, numpy.where(X.iloc[:, 1] > 5, "patient", "rushed"),
                    numpy.where(X.iloc[:, 2] > 5, "premature", "no_sale"))
    return pacing.make_model(seed=1).fit(X, y)


def _rows(n, seed):
    rng = numpy.random.default_rng(seed)
    return rng.random((n, len(FEATURE_NAMES))) * rng.integers(1, 20, len(FEATURE_NAMES))


def test_pacing_forest_predicts_what_scikit_learn_does(fitted):
    import pandas as pd

    forest = pacing.Forest.from_sklearn(fitted)
    X = _rows(500, 2)
    expected = fitted.predict_proba(pd.DataFrame(X, columns=list(FEATURE_NAMES)))
    got = forest.predict_proba(X)
    assert forest.classes_ == list(fitted.classes_)
    assert numpy.abs(got - expected).max() < 1e-12
    assert (got.argmax(axis=1) == expected.argmax(axis=1)).all()


def test_pacing_forest_round_trips_through_a_file_without_pickle(fitted, tmp_path):
    forest = pacing.Forest.from_sklearn(fitted)
    forest.to_disk(tmp_path / "pacing.npz")
    again = pacing.Forest.from_disk(tmp_path / "pacing.npz")
    X = _rows(50, 3)
    assert (again.predict_proba(X) == forest.predict_proba(X)).all()
    with numpy.load(tmp_path / "pacing.npz", allow_pickle=False) as data:
        assert all(data[name].dtype != object for name in data.files)


def test_pacing_predict_reads_named_columns_or_ordered_rows(fitted):
    import pandas as pd

    forest = pacing.Forest.from_sklearn(fitted)
    X = _rows(20, 4)
    shuffled = pd.DataFrame(X, columns=list(FEATURE_NAMES))[list(reversed(FEATURE_NAMES))]
    by_name, by_order = pacing.predict(forest, shuffled), pacing.predict(forest, X)
    assert by_name[0] == by_order[0] and (by_name[1] == by_order[1]).all()
    assert all(0.0 <= s <= 100.0 for s in by_order[1])


def test_pacing_export_refuses_a_model_it_cannot_reproduce():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.ensemble import RandomForestClassifier

    rng = numpy.random.default_rng(0)
    X, y = rng.random((60, 3)), numpy.array(["a", "b"] * 30)
    model = CalibratedClassifierCV(RandomForestClassifier(n_estimators=3), cv=2).fit(X, y)
    with pytest.raises(ValueError, match="three or more classes"):
        pacing.Forest.from_sklearn(model)
