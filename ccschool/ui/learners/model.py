"""The learner table's Qt model: holds ids only, fetches display rows in blocks when shown.

At 100,000 learners the view asks for the ~30 visible rows; each block of 200 is one indexed
SELECT ... WHERE id IN (...), and a few hundred blocks stay cached (Anki's browser DataModel).
"""
from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from ccschool.services import learner_export, learner_search
from ccschool.ui.learners.values import shown, shown_groups
from ccschool.ui.widgets.rows_model import AnyIndex
from ccschool.ui.widgets.text import QT_TRANSLATE_NOOP

BLOCK = 200
MAX_BLOCKS = 100  # 20,000 rows of display strings at most


def _tr(text: str) -> str:
    return QCoreApplication.translate("LearnersModel", text)


# (row key, header source text); translated when shown
COLUMNS = (
    ("card_no", QT_TRANSLATE_NOOP("LearnersModel", "卡号")),
    ("name", QT_TRANSLATE_NOOP("LearnersModel", "姓名")),
    ("gender", QT_TRANSLATE_NOOP("LearnersModel", "性别")),
    ("birth_date", QT_TRANSLATE_NOOP("LearnersModel", "出生日期")),
    ("phone", QT_TRANSLATE_NOOP("LearnersModel", "手机号码")),
    ("id_number", QT_TRANSLATE_NOOP("LearnersModel", "身份证号")),
    ("village", QT_TRANSLATE_NOOP("LearnersModel", "村(社区)")),
    ("venue", QT_TRANSLATE_NOOP("LearnersModel", "教学点")),
    ("target_groups", QT_TRANSLATE_NOOP("LearnersModel", "人群类别")),
    ("card_state", QT_TRANSLATE_NOOP("LearnersModel", "卡状态")),
)
_STATES = {"active": QT_TRANSLATE_NOOP("LearnersModel", "有效"),
           "lost": QT_TRANSLATE_NOOP("LearnersModel", "挂失"),
           "revoked": QT_TRANSLATE_NOOP("LearnersModel", "作废")}
ID_ROLE = Qt.ItemDataRole.UserRole


class LearnersModel(QAbstractTableModel):
    def __init__(self, db, parent=None) -> None:
        super().__init__(parent)
        self._db = db
        self._ids: list[str] = []
        self._blocks: OrderedDict[int, list[dict]] = OrderedDict()
        self.query = ""

    # -- loading ---------------------------------------------------------------------
    def search(self, query: str) -> None:
        """Show the learners matching query (all when empty)."""
        with self._db.read() as s:
            ids = learner_search.search_ids(s, query)
        self.query = query
        self.set_ids(ids)

    def set_ids(self, ids: list[str]) -> None:
        self.beginResetModel()
        self._ids = list(ids)
        self._blocks.clear()
        self.endResetModel()

    def refresh(self) -> None:
        """Re-run the current search (after an add, edit, import or re-issue)."""
        self.search(self.query)

    def ids(self) -> list[str]:
        return list(self._ids)

    def learner_id(self, row: int) -> str | None:
        return self._ids[row] if 0 <= row < len(self._ids) else None

    def row_of(self, learner_id: str) -> int:
        try:
            return self._ids.index(learner_id)
        except ValueError:
            return -1

    def _row(self, row: int) -> dict | None:
        block_no = row // BLOCK
        block = self._blocks.get(block_no)
        if block is None:
            block = self._fetch(block_no)
        else:
            self._blocks.move_to_end(block_no)
        offset = row - block_no * BLOCK
        return block[offset] if offset < len(block) else None

    def _fetch(self, block_no: int) -> list[dict]:
        ids = self._ids[block_no * BLOCK:(block_no + 1) * BLOCK]
        with self._db.read() as s:
            found = {r["id"]: r for r in learner_export.rows_for(s, ids)}
        block = [found.get(i) or {"id": i} for i in ids]  # deleted meanwhile: an empty row
        self._blocks[block_no] = block
        while len(self._blocks) > MAX_BLOCKS:
            self._blocks.popitem(last=False)
        return block

    # -- Qt model interface ----------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        row = self._row(index.row())
        return _display(COLUMNS[index.column()][0], row) if row else None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return _tr(COLUMNS[section][1])
        if orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


def _display(key: str, row: dict) -> str:
    value = row.get(key)
    if value is None:
        return ""
    if key == "target_groups":
        return shown_groups(value)
    if key == "gender":
        return shown(value)
    if key == "card_state":
        return _tr(_STATES.get(value, value))
    return str(value)
