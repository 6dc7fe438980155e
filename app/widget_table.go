// A table of records whose header and rows line up, chosen from the keyboard.

package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
	"github.com/tavoli/tavoli/data/italian"
)

// columnsLayout shares the width among cells in proportion to their weights, so that a header and the
// rows under it line up like a table.
type columnsLayout struct{ weights []float32 }

// Layout places the cells side by side.
func (c *columnsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	var total float32
	for _, w := range c.weights {
		total += w
	}
	x := float32(0)
	for i, o := range objs {
		w := size.Width * c.weights[i] / total
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w
	}
}

// MinSize is the tallest cell's height; the width is what the list gives.
func (c *columnsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var h float32
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(float32(40*len(objs)), h)
}

// recordTable is a filterable list shown as a table: a filter box that filters as you type, a header,
// and rows that select whole. Up and Down in the filter box move through the rows; Enter goes to the
// detail beside the list. Both act on the rows of what was typed, even when its query is still pending.
type recordTable struct {
	filter   *shortcutEntry
	list     *widget.List
	count    *widget.Label
	content  fyne.CanvasObject
	rows     func() int
	cell     func(row, col int) string
	weights  []float32
	sel      int // the selected row, -1 when none
	onSelect func(row int)
	// flush, when set, brings the rows up to date with the filter's text before a key acts on them.
	flush func()
}

// newRecordTable builds a table with the given column titles (translation keys) and weights.
func newRecordTable(titles []string, weights []float32, rows func() int, cell func(row, col int) string) *recordTable {
	t := &recordTable{rows: rows, cell: cell, weights: weights, sel: -1}
	t.filter = newShortcutEntry()
	t.filter.SetPlaceHolder(lang.L("filter.placeholder"))
	t.count = widget.NewLabel("")
	head := make([]fyne.CanvasObject, len(titles))
	for i, k := range titles {
		head[i] = widget.NewLabelWithStyle(lang.L(k), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.list = widget.NewList(rows, func() fyne.CanvasObject {
		cells := make([]fyne.CanvasObject, len(titles))
		for i := range cells {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			cells[i] = l
		}
		return container.New(&columnsLayout{weights}, cells...)
	}, func(id widget.ListItemID, o fyne.CanvasObject) {
		for i, c := range o.(*fyne.Container).Objects {
			c.(*widget.Label).SetText(cell(id, i))
		}
	})
	t.list.OnSelected = func(id widget.ListItemID) {
		t.sel = id
		if t.onSelect != nil {
			t.onSelect(id)
		}
	}
	t.list.OnUnselected = func(widget.ListItemID) { t.sel = -1 }
	t.filter.onKey[fyne.KeyDown] = func() { t.step(1) }
	t.filter.onKey[fyne.KeyUp] = func() { t.step(-1) }
	// Enter acts on the rows too (it opens or adds the one chosen): on the rows of what was typed.
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter} {
		t.filter.onKey[k] = func() {
			t.sync()
			t.filter.Entry.TypedKey(&fyne.KeyEvent{Name: k})
		}
	}
	t.filter.onKey[fyne.KeyEscape] = func() { t.filter.SetText("") }
	top := container.NewVBox(container.NewBorder(nil, nil, nil, t.count, t.filter),
		container.New(&columnsLayout{weights}, head...), widget.NewSeparator())
	t.content = container.NewBorder(top, nil, nil, nil, t.list)
	return t
}

// sync brings the rows up to date with the filter when a query is still pending.
func (t *recordTable) sync() {
	if t.flush != nil {
		t.flush()
	}
}

// step moves the selection by delta rows, from the filter box.
func (t *recordTable) step(delta int) {
	t.sync()
	n := t.rows()
	if n == 0 {
		return
	}
	i := t.sel + delta
	if t.sel < 0 {
		i = 0
	}
	i = min(max(i, 0), n-1)
	t.list.Select(i)
	t.list.ScrollTo(i)
}

// reload redraws the rows after the data changed and says how many there are.
func (t *recordTable) reload() {
	n := t.rows()
	if t.sel >= n {
		t.sel = -1
		t.list.UnselectAll()
	}
	t.count.SetText(lang.N("filter.count", n, map[string]any{"n": italian.Int(n)}))
	t.list.Refresh()
}
