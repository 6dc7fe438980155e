// Every bundle written and read here, the latest first, with its detail.

package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
)

// historyPanel lists every bundle written and read here, the latest first; the chosen one's detail
// (what an import did to each kind of record) beside the list.
type historyPanel struct {
	s       *exchangeScreen
	content fyne.CanvasObject
	pane    *listPane[data.Exchange]
	shown   data.Exchange
	title   *widget.Label
	detail  *widget.Label
	kinds   *fyne.Container
}

func newHistoryPanel(s *exchangeScreen) *historyPanel {
	h := &historyPanel{s: s, title: heading(lang.L("exchange.history.none")), kinds: container.NewVBox()}
	ui := s.ui
	h.detail = widget.NewLabel(lang.L("exchange.history.intro"))
	h.detail.Wrapping = fyne.TextWrapWord
	h.pane = newListPane(ui, []string{"col.date", "exchange.col.direction", "exchange.col.peer",
		"exchange.col.records", "exchange.col.outcome"}, []float32{2.4, 1.9, 2.2, 1, 3.6},
		func(ex data.Exchange, col int) string {
			switch col {
			case 0:
				return italian.DateTime(ex.At)
			case 1:
				return directionText(ex.Direction)
			case 2:
				return h.peer(ex)
			case 3:
				return italian.Int(ex.Records)
			}
			return outcomeText(ex)
		})
	h.pane.id = func(ex data.Exchange) string { return ex.ID }
	h.pane.current = func() string { return h.shown.ID }
	h.pane.onSelect = h.show
	h.pane.load = func(filter, _ string) ([]data.Exchange, func(), error) {
		list, err := ui.store.Exchanges(ui.ctx)
		list = filterText(list, filter, func(ex data.Exchange) string {
			return strings.Join([]string{directionText(ex.Direction), ex.PeerName, ex.File, italian.Day(ex.At),
				outcomeText(ex)}, " ")
		})
		return list, nil, err
	}
	side := container.NewVBox(h.title, h.detail, h.kinds)
	split := container.NewHSplit(h.pane.table.content, container.NewVScroll(container.NewPadded(side)))
	split.Offset = 0.6
	h.content = split
	return h
}

// directionText is "Esportazione" or "Importazione".
func directionText(d data.ExchangeDirection) string {
	if d == data.ExchangeImport {
		return lang.L("exchange.history.import")
	}
	return lang.L("exchange.history.export")
}

// peer names the other side: the sender of an import, the peer an export was for, or anyone.
func (h *historyPanel) peer(ex data.Exchange) string {
	if ex.Peer == "" && ex.PeerName == "" {
		return lang.L("exchange.history.anyone")
	}
	return h.s.ui.peerName(ex.Peer, ex.PeerName)
}

// outcomeText sums an exchange up: what an import did, or what an export carried and how.
func outcomeText(ex data.Exchange) string {
	if ex.Direction == data.ExchangeImport {
		var total data.KindChanges
		for _, k := range ex.Changes {
			total = total.Add(k)
		}
		if s := countChanges(total, false); s != "" {
			return s
		}
		return lang.L("exchange.history.nothing_new")
	}
	what := lang.L("exchange.history.changes")
	if ex.Everything {
		what = lang.L("exchange.history.all")
	}
	if ex.Encrypted {
		return what + ", " + lang.L("exchange.history.encrypted")
	}
	return what + ", " + lang.L("exchange.history.plain")
}

// show puts an exchange's detail beside the list.
func (h *historyPanel) show(ex data.Exchange) {
	h.shown = ex
	h.title.SetText(directionText(ex.Direction) + " · " + italian.DateTime(ex.At))
	args := map[string]any{"date": italian.Day(ex.At), "time": italian.Clock(ex.At), "peer": h.peer(ex),
		"file": ex.File, "n": italian.Int(ex.Records), "outcome": outcomeText(ex)}
	if ex.File == "" {
		args["file"] = "—"
	}
	key := "exchange.history.detail_export"
	if ex.Direction == data.ExchangeImport {
		key = "exchange.history.detail_import"
	}
	h.detail.SetText(lang.L(key, args))
	h.kinds.Objects = nil
	if ex.Direction == data.ExchangeImport {
		for _, k := range ex.Changes {
			if k.Writes() > 0 {
				l := widget.NewLabel(lang.L("exchange.history.kind", map[string]any{
					"kind": kindRecords(k.Kind, records(k)), "changes": countChanges(k, false)}))
				l.Wrapping = fyne.TextWrapWord
				h.kinds.Add(l)
			}
		}
	}
	h.kinds.Refresh()
}
