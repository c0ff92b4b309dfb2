"""Make the committed roster files that need tools the test machine may lack.

    python tests/learners/data/make_data.py      (needs soffice; msoffcrypto-tool for the locked one)

roster_libreoffice.xlsx  messy_roster() opened and saved by LibreOffice Calc
roster_real.xls          the same saved as Excel 97-2003 (.xls); tests copy it to a .xlsx name
roster_password.xlsx     messy_roster() encrypted with the password "secret" (OLE2 container)
"""
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from tests.learners.rosters import messy_roster  # noqa: E402


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(src)],
                   check=True, capture_output=True)
    return outdir / (src.stem + "." + fmt.split(":")[0])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        src = messy_roster(tmp / "roster.xlsx")
        shutil.copy(soffice(src, "xlsx", tmp / "lo"), HERE / "roster_libreoffice.xlsx")
        shutil.copy(soffice(src, "xls", tmp / "xls"), HERE / "roster_real.xls")
        from msoffcrypto.format.ooxml import OOXMLFile
        with open(src, "rb") as f, open(HERE / "roster_password.xlsx", "wb") as out:
            OOXMLFile(f).encrypt("secret", out)


if __name__ == "__main__":
    main()
