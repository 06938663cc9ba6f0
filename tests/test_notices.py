"""The licenses of the npm packages the build copies into the site travel with it."""

import pytest

from plugins.programs_site.outputs.notices import notices_text, package_names


def test_package_names_come_from_the_copied_files():
    copied = {"lunr/lunr.min.js": "a", "@scope/pkg/dist/x.js": "b", "lunr/other.js": "c"}
    assert package_names(copied) == ["lunr", "@scope/pkg"]


def test_a_package_without_license_text_stops_the_build(tmp_path):
    (tmp_path / "nolicense").mkdir()
    (tmp_path / "nolicense/package.json").write_text('{"name": "nolicense", "version": "1.0.0"}')
    (tmp_path / "nolicense/x.js").write_text("var x;\n")
    with pytest.raises(FileNotFoundError, match="no LICENSE file"):
        notices_text(tmp_path, {"nolicense/x.js": "theme/vendor/x.js"})


def test_a_license_stated_only_in_the_copied_file_s_header_is_shipped(tmp_path):
    (tmp_path / "headeronly").mkdir()
    (tmp_path / "headeronly/package.json").write_text('{"name": "headeronly", "version": "2.0.0", "license": "MIT"}')
    (tmp_path / "headeronly/x.js").write_text(
        "// Copyright (c) 2009 Someone\n// Licensed under the MIT license\nvar x;\n"
    )
    text = notices_text(tmp_path, {"headeronly/x.js": "theme/vendor/x.js"})
    assert "headeronly 2.0.0 (MIT)" in text
    assert "Copyright (c) 2009 Someone\nLicensed under the MIT license" in text
    assert "var x" not in text


def test_the_built_site_ships_each_copied_package_with_its_license(sample_site):
    from plugins.programs_site.build.generator import BROWSER_PACKAGES

    text = (sample_site.output / "theme/vendor/THIRD-PARTY-NOTICES.txt").read_text(encoding="utf-8")
    for name in package_names(BROWSER_PACKAGES):
        assert f"\n{name} " in text
    assert "lunr 2.3.9 (MIT)" in text
    assert "Copyright (C) 2013 by Oliver Nightingale" in text
    assert "Copyright (c) 2009 Kazuhiko Arase" in text  # qrcode-generator: its license is in the file's header
    about = sample_site.page("about/")
    assert 'href="../theme/vendor/THIRD-PARTY-NOTICES.txt"' in about
