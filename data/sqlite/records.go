package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"golang.org/x/text/collate"

	"github.com/tavoli/tavoli/data"
)

// tables maps each kind of record to its table.
var tables = map[data.Kind]string{
	data.KindAmbito:         "ambito",
	data.KindComune:         "comuni",
	data.KindArea:           "areas",
	data.KindBody:           "bodies",
	data.KindSeat:           "seats",
	data.KindMembership:     "memberships",
	data.KindPerson:         "people",
	data.KindOrganisation:   "organisations",
	data.KindDevice:         "devices",
	data.KindSession:        "sessions",
	data.KindAgendaItem:     "agenda_items",
	data.KindAttendance:     "attendance",
	data.KindDecision:       "decisions",
	data.KindActionItem:     "action_items",
	data.KindActionFollowUp: "action_follow_ups",
	data.KindSpeech:         "speeches",
	data.KindProposal:       "proposals",
	data.KindVerbale:        "verbali",
	data.KindVote:           "votes",
	data.KindVoteBallot:     "vote_ballots",
	data.KindVoteVoter:      "vote_voters",
	data.KindProposalEvent:  "proposal_events",
	data.KindRecordVersion:  "record_versions",
	data.KindImplementation: "implementations",
	data.KindMilestone:      "milestones",
	data.KindIndicator:      "indicators",
	data.KindAnnualReport:   "annual_reports",
	data.KindHistory:        "record_history",
}

// column is one column of a record and the value to store in it.
type column struct {
	name  string
	value any
}

// insertAs writes a new, live record of kind with the head given (id, times, device) and its columns.
func insertAs(ctx context.Context, tx querier, kind data.Kind, m data.Meta, cols []column) error {
	names := []string{"id", "created", "updated", "device", "deleted"}
	args := []any{m.ID, fmtTime(m.Created), fmtTime(m.Updated), m.Device, false}
	for _, c := range cols {
		names = append(names, c.name)
		args = append(args, c.value)
	}
	_, err := tx.ExecContext(ctx, insertSQL(tables[kind], names), args...)
	return err
}

// insertSQL is the statement that inserts one row of table, with a placeholder for each column named:
// the one place an INSERT is put together from names.
func insertSQL(table string, names []string) string {
	return `INSERT INTO ` + table + ` (` + strings.Join(names, ", ") + `) VALUES (?` +
		strings.Repeat(", ?", len(names)-1) + `)`
}

// save writes a record of kind, creating it when m has no id (or an id not stored yet) and updating it
// otherwise. An update must start from the version stored now: when m.Updated differs, someone else
// changed the record in the meantime and the update is refused as a conflict. m is filled with the new
// id, times and device.
func (s *Store) save(ctx context.Context, tx querier, kind data.Kind, m *data.Meta, cols []column) error {
	table := tables[kind]
	now := s.now().UTC()
	var stored string
	var deleted bool
	// The values held, read with the stamp when the record keeps a history: the change is told from them.
	track := tracked(kind, cols)
	var before []any
	err := sql.ErrNoRows
	if m.ID != "" {
		q, dest := `SELECT updated, deleted`, []any{&stored, &deleted}
		if track {
			before = make([]any, len(cols))
			for i, c := range cols {
				q += ", " + c.name
				dest = append(dest, &before[i])
			}
		}
		err = tx.QueryRowContext(ctx, q+` FROM `+table+` WHERE id = ?`, m.ID).Scan(dest...)
	}
	switch {
	case errors.Is(err, sql.ErrNoRows):
		if m.ID == "" {
			m.ID = s.newID()
		}
		if m.Created.IsZero() {
			m.Created = now
		}
		m.Updated, m.Device, m.Deleted = now, s.device, false
		if err := insertAs(ctx, tx, kind, *m, cols); err != nil || !track {
			return err
		}
		return s.noteChange(ctx, tx, kind, m.ID, data.HistoryCreated, nil, m.Updated)
	case err != nil:
		return err
	case deleted:
		return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(kind))
	case !m.Updated.IsZero() && fmtTime(m.Updated) != stored:
		return data.Errorf(data.EChanged, "err.record.changed", "kind", string(kind))
	}
	prev, err := parseTime(stored)
	if err != nil {
		return err
	}
	m.Updated, m.Device = later(now, prev), s.device
	sets := []string{"updated = ?", "device = ?"}
	args := []any{fmtTime(m.Updated), m.Device}
	for _, c := range cols {
		sets = append(sets, c.name+" = ?")
		args = append(args, c.value)
	}
	args = append(args, m.ID)
	if _, err = tx.ExecContext(ctx, `UPDATE `+table+` SET `+strings.Join(sets, ", ")+` WHERE id = ?`, args...); err != nil || !track {
		return err
	}
	if changes := colChanges(cols, before); len(changes) > 0 {
		return s.noteChange(ctx, tx, kind, m.ID, data.HistoryChanged, changes, m.Updated)
	}
	return nil
}

// later is now, or just after prev when the clock has not moved past it: a record's versions must be
// strictly ordered for merges to agree on the latest.
func later(now, prev time.Time) time.Time {
	if now.After(prev) {
		return now
	}
	return prev.Add(time.Microsecond)
}

// scanMeta reads the five head columns of a record.
type metaScan struct {
	m                *data.Meta
	created, updated string
}

func (ms *metaScan) dest() []any {
	return []any{&ms.m.ID, &ms.created, &ms.updated, &ms.m.Device, &ms.m.Deleted}
}

func (ms *metaScan) finish() error {
	var err1, err2 error
	ms.m.Created, err1 = parseTime(ms.created)
	ms.m.Updated, err2 = parseTime(ms.updated)
	return errors.Join(err1, err2)
}

// metaCols is the head of every SELECT, for a table alias.
func metaCols(alias string) string {
	p := alias + "."
	return p + "id, " + p + "created, " + p + "updated, " + p + "device, " + p + "deleted"
}

// keyer makes the Italian collation keys stored in sort_key columns, so that lists sort in SQL.
type keyer struct {
	c   *collate.Collator
	buf collate.Buffer
}

func newKeyer() *keyer { return &keyer{c: data.Collator()} }

// key is the collation key of a, then b (surname, then name).
func (k *keyer) key(a, b string) []byte {
	out := append([]byte(nil), k.c.KeyFromString(&k.buf, strings.TrimSpace(a))...)
	out = append(out, 0)
	out = append(out, k.c.KeyFromString(&k.buf, strings.TrimSpace(b))...)
	k.buf.Reset()
	return out
}

// likeTerms returns a WHERE fragment requiring every folded word of q in expr, and its arguments.
func likeTerms(expr, q string) (string, []any) {
	var parts []string
	var args []any
	for _, t := range data.SearchTerms(q) {
		t = strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(t)
		parts = append(parts, expr+` LIKE ? ESCAPE '\'`)
		args = append(args, "%"+t+"%")
	}
	return strings.Join(parts, " AND "), args
}
