// The list half of a list-and-detail screen, queried off the UI goroutine as the filter changes.

package app

import (
	"time"

	"fyne.io/fyne/v2"
)

// listPane is the list half of a list-and-detail screen: a recordTable of values of type V loaded off the
// UI goroutine whenever the filter changes, keeping the selection on the record the detail shows.
type listPane[V any] struct {
	ui    *UI
	table *recordTable
	items []V
	seq   int         // the latest query; older answers are dropped
	shown int         // the query whose answer the list shows
	pause *time.Timer // the wait after a keystroke in the filter
	want  string      // a record to select and show once loaded (from the global search)

	// load queries the store with the filter text and the extra filter; it runs off the UI goroutine, so
	// it must not read widgets. apply, when not nil, runs on the UI goroutine with the answer (for choices
	// the detail needs).
	load func(filter, extra string) (items []V, apply func(), err error)
	// extra, when set, reads another filter widget (on the UI goroutine) for load.
	extra func() string
	id    func(V) string
	// current is the id of the record shown in the detail, to keep it selected.
	current func() string
	// onSelect shows a record in the detail.
	onSelect func(V)
}

func newListPane[V any](ui *UI, titles []string, weights []float32, cell func(v V, col int) string) *listPane[V] {
	p := &listPane[V]{ui: ui}
	p.table = newRecordTable(titles, weights, func() int { return len(p.items) }, func(row, col int) string {
		if row >= len(p.items) {
			return ""
		}
		return cell(p.items[row], col)
	})
	p.table.filter.OnChanged = func(string) { p.typed() }
	p.table.flush = p.flush
	p.table.onSelect = func(row int) {
		if row < len(p.items) && p.onSelect != nil {
			p.onSelect(p.items[row])
		}
	}
	return p
}

// typed waits for a pause in typing, then queries the list.
func (p *listPane[V]) typed() { p.ui.afterPause(&p.pause, p.refresh) }

// refresh queries the store again and redraws the list.
func (p *listPane[V]) refresh() { p.query(p.ui.run) }

// flush brings the list up to date with the filter now, on the UI goroutine, when a query is waiting
// for the pause in typing or its answer has not arrived: the keys that act on the rows (↑↓, Enter) must
// act on the rows the filter asks for, not on the ones shown before the last keystroke.
func (p *listPane[V]) flush() {
	if p.pause == nil && p.shown == p.seq {
		return
	}
	if p.pause != nil {
		p.pause.Stop()
		p.pause = nil
	}
	p.query(SyncRunner)
}

// query asks the store for the list through run, and shows the answer unless a later query overtook it.
func (p *listPane[V]) query(run Runner) {
	if p.ui.store == nil {
		return
	}
	p.seq++
	seq := p.seq
	filter, extra := p.table.filter.Text, ""
	if p.extra != nil {
		extra = p.extra()
	}
	var items []V
	var apply func()
	var err error
	run(func() { items, apply, err = p.load(filter, extra) }, func() {
		if seq != p.seq {
			return
		}
		p.shown = seq
		if err != nil {
			p.ui.showError(err)
			return
		}
		p.items = items
		if apply != nil {
			apply()
		}
		p.reselect()
		if p.want != "" {
			for i, v := range p.items {
				if p.id(v) == p.want {
					p.table.list.Select(i)
					p.table.list.ScrollTo(i)
				}
			}
			p.want = ""
		}
	})
}

// show clears the filter and shows the record with this id in the detail.
func (p *listPane[V]) show(id string) {
	p.want = id
	p.table.filter.SetText("")
	if p.pause != nil { // emptying the filter needs no pause: the query follows at once
		p.pause.Stop()
		p.pause = nil
	}
	p.refresh()
}

// reselect redraws the list and selects the record shown in the detail, when the filter still shows it.
func (p *listPane[V]) reselect() {
	p.table.sel = -1
	p.table.list.UnselectAll()
	p.table.reload()
	id := p.current()
	if id == "" {
		return
	}
	for i, v := range p.items {
		if p.id(v) == id {
			p.table.sel = i
			// Selecting calls onSelect, which would reload the detail being typed in: select quietly.
			keep := p.table.onSelect
			p.table.onSelect = nil
			p.table.list.Select(i)
			p.table.onSelect = keep
			p.table.list.ScrollTo(i)
			return
		}
	}
}

// update replaces the row of the record with this id, after the detail saved it.
func (p *listPane[V]) update(v V) {
	for i := range p.items {
		if p.id(p.items[i]) == p.id(v) {
			p.items[i] = v
			p.table.list.RefreshItem(i)
		}
	}
}

// afterPause runs f on the UI goroutine once the user pauses typing (the window's filterPause), or at
// once when there is no pause. *wait holds the pause under way: a keystroke during it starts it again,
// and flushing a list stops it and clears *wait.
func (ui *UI) afterPause(wait **time.Timer, f func()) {
	if *wait != nil {
		(*wait).Stop()
		*wait = nil
	}
	if ui.filterPause <= 0 {
		f()
		return
	}
	var t *time.Timer
	t = time.AfterFunc(ui.filterPause, func() {
		fyne.Do(func() {
			if *wait == t { // not overtaken by a keystroke or a flush
				*wait = nil
				f()
			}
		})
	})
	*wait = t
}
