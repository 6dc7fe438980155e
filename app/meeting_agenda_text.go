// An agenda item's title and notes as typed, saved over the stored version they started from.

package app

import (
	"context"

	"github.com/tavoli/tavoli/data"
)

// agendaText is an item of the ordine del giorno with the title and notes typed, and base, the stored
// version they were typed over.
type agendaText struct {
	item data.AgendaItem
	base data.AgendaItem
}

// agendaSaver is what saving an item's text needs from the store.
type agendaSaver interface {
	SaveAgendaItem(ctx context.Context, a data.AgendaItem) (data.AgendaItem, error)
	Agenda(ctx context.Context, sessionID string) ([]data.AgendaItem, error)
}

// saveAgendaText saves the title and notes typed on an item. The store refuses a version that moved on
// (data.EChanged); the meeting's clock moves the item (its time, its done mark) under the notes
// being typed, so when the stored title and notes are still those the text was typed over, only the
// clock moved, and the text is saved over the new version. Text written elsewhere stays refused: two
// windows never overwrite each other's notes. It runs away from the UI goroutine.
func saveAgendaText(ctx context.Context, st agendaSaver, t agendaText) (agendaText, error) {
	stored, err := st.SaveAgendaItem(ctx, t.item)
	if data.ErrorCode(err) != data.EChanged {
		return agendaText{item: stored, base: stored}, err
	}
	items, rerr := st.Agenda(ctx, t.item.SessionID)
	if rerr != nil {
		return t, err
	}
	for _, cur := range items {
		if cur.ID == t.item.ID && cur.Title == t.base.Title && cur.Notes == t.base.Notes {
			it := t.item
			it.Meta = cur.Meta
			stored, err = st.SaveAgendaItem(ctx, it)
			return agendaText{item: stored, base: stored}, err
		}
	}
	return t, err
}
