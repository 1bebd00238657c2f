"""`abscopal export-sbml`: a valid file on success; one line, exit 2 and no file otherwise."""

from __future__ import annotations

from pathlib import Path

import libsbml
import yaml

from abscopal.cli.main import main
from abscopal.examples import example_path


def test_export_writes_a_valid_sbml_file(tmp_path: Path, capsys):
    output = tmp_path / "model.xml"
    assert (
        main(["export-sbml", str(example_path("hcc_y90_bone_metastasis")), "-o", str(output)]) == 0
    )
    document = libsbml.readSBMLFromFile(str(output))
    assert document.getNumErrors(libsbml.LIBSBML_SEV_ERROR) == 0
    assert document.getModel().getParameter("lesion1_diameter_mm") is not None
    assert "0 errors" in capsys.readouterr().err
    assert [path.name for path in tmp_path.iterdir()] == ["model.xml"]  # no staging leftovers


def test_invalid_scenario_exits_2_naming_the_field_and_writes_nothing(tmp_path: Path, capsys):
    scenario = yaml.safe_load(example_path("nsclc_sbrt_pembrolizumab").read_text())
    scenario["external_beam"][0]["dose_per_fraction_gy"] = -8
    path = tmp_path / "bad.yaml"
    path.write_text(yaml.safe_dump(scenario))
    output = tmp_path / "model.xml"
    assert main(["export-sbml", str(path), "-o", str(output)]) == 2
    error = capsys.readouterr().err.strip().splitlines()
    assert len(error) == 1 and "dose_per_fraction_gy" in error[0]
    assert not output.exists()


def test_missing_output_directory_is_refused(tmp_path: Path, capsys):
    target = tmp_path / "absent" / "model.xml"
    code = main(["export-sbml", str(example_path("mouse_two_flank_8x3_ctla4")), "-o", str(target)])
    assert code == 2
    assert "does not exist" in capsys.readouterr().err
