package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/app/i18n"
	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// historyButton is the «Storia» button of a record's detail: it shows the history of the record id()
// names, titled by name().
func (ui *UI) historyButton(id, name func() string) *widget.Button {
	return widget.NewButtonWithIcon(lang.L("history.button"), theme.HistoryIcon(), func() {
		if id() != "" {
			ui.showHistory(id(), name())
		}
	})
}

// showHistory opens a dialog with every change kept of the record, the newest first, one entry a
// paragraph: when, who (operator and computer), what it did, and each field's old and new value. Enter
// and Esc close it.
func (ui *UI) showHistory(id, name string) {
	var list []data.HistoryEntry
	var err error
	ui.run(func() { list, err = ui.store.History(ui.ctx, id) }, func() {
		if err != nil {
			ui.showError(err)
			return
		}
		box := container.NewVBox()
		if len(list) == 0 {
			l := widget.NewLabel(lang.L("history.none"))
			l.Wrapping = fyne.TextWrapWord
			box.Add(l)
		}
		for _, e := range list {
			head := widget.NewLabelWithStyle(i18n.HistoryWhen(e)+" · "+i18n.HistoryWho(e)+" · "+
				i18n.HistoryAction(e.Action), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			box.Add(head)
			for _, c := range e.Changes {
				l := widget.NewLabel(i18n.HistoryChange(c, e.Names))
				l.Wrapping = fyne.TextWrapWord
				box.Add(l)
			}
		}
		ui.inform(lang.L("history.title", map[string]any{"name": name}), container.NewVScroll(box),
			fyne.NewSize(640, 460))
	})
}

// showLastChange writes into label when the record was last changed and by whom: the operator and
// the computer of its latest history entry, read afresh (another window or laptop may have changed it
// since the list was read), or the device's names when the record has no history.
func (ui *UI) showLastChange(label *widget.Label, m data.Meta) {
	say := func(at data.HistoryEntry) {
		label.SetText(lang.L("form.last_change", map[string]any{
			"date": italian.Date(at.At), "time": italian.Clock(at.At), "device": i18n.HistoryWho(at)}))
	}
	last := data.HistoryEntry{At: m.Updated, Author: m.Device}
	if d, ok := ui.devices[m.Device]; ok {
		last.Operator, last.Computer = d.Operator, d.Name
	}
	say(last)
	shown := label.Text // another record shown meanwhile keeps its own line
	var list []data.HistoryEntry
	var err error
	ui.run(func() { list, err = ui.store.History(ui.ctx, m.ID) }, func() {
		if err == nil && len(list) > 0 && !list[0].At.Before(m.Updated) && label.Text == shown {
			say(list[0])
		}
	})
}
