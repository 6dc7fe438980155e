package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"time"

	"github.com/tavoli/tavoli/data"
	"github.com/tavoli/tavoli/data/italian"
	"github.com/tavoli/tavoli/data/merge"
)

// Erasure of personal data (GDPR art. 17). An erased person keeps their row, stamped as a change of
// this laptop so that it travels, but holds only initials (or a placeholder), the category, comune
// and gender. What else held their data here is emptied in place, without a new stamp: every laptop
// empties its own copies the same way when the erasure reaches it (see scrubIncoming), so the emptied
// copies agree and nothing travels back. Last the file is rewritten (VACUUM) and the WAL emptied, so
// that the old values are not left in freed pages.

// traceQueries find the records that keep a trace of a person: with any, the name becomes initials.
var traceQueries = []string{
	`SELECT 1 FROM attendance WHERE person_id = ? AND deleted = 0`,
	`SELECT 1 FROM speeches WHERE person_id = ? AND deleted = 0`,
	`SELECT 1 FROM seats WHERE person_id = ? AND deleted = 0`,
	`SELECT 1 FROM memberships WHERE person_id = ? AND deleted = 0`,
	`SELECT 1 FROM action_items WHERE person_id = ? AND deleted = 0`,
	`SELECT 1 FROM proposals WHERE proposer_id = ? AND deleted = 0`,
	`SELECT 1 FROM sessions WHERE (president_id = ?1 OR secretary_id = ?1) AND deleted = 0`,
	`SELECT 1 FROM implementations WHERE responsible_kind = 'person' AND responsible_id = ? AND deleted = 0`,
}

// traced reports whether a record keeps a trace of the person.
func traced(ctx context.Context, tx querier, id string) (bool, error) {
	for _, q := range traceQueries {
		var one int
		err := tx.QueryRowContext(ctx, q+` LIMIT 1`, id).Scan(&one)
		if err == nil {
			return true, nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return false, err
		}
	}
	return false, nil
}

// anyPerson reads a person, removed from the register or not.
func anyPerson(ctx context.Context, tx querier, id string) (data.PersonView, error) {
	v, err := scanPerson(tx.QueryRowContext(ctx, `SELECT `+metaCols("p")+`, `+personSelect+personFrom+` WHERE p.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindPerson))
	}
	return v, err
}

// namingSessions are the sessions whose acts name the person, approved or still open.
const namingSessions = `SELECT DISTINCT s.id, s.date, b.name, s.status FROM sessions s JOIN bodies b ON b.id = s.body_id
	WHERE s.deleted = 0 AND (s.president_id = ?1 OR s.secretary_id = ?1
		OR EXISTS (SELECT 1 FROM attendance a WHERE a.session_id = s.id AND a.person_id = ?1 AND a.deleted = 0)
		OR EXISTS (SELECT 1 FROM speeches x WHERE x.session_id = s.id AND x.person_id = ?1 AND x.deleted = 0)
		OR EXISTS (SELECT 1 FROM action_items x WHERE x.session_id = s.id AND x.person_id = ?1 AND x.deleted = 0))
	ORDER BY s.date, s.id`

type namingSession struct {
	id, body string
	date     time.Time
	approved bool
}

func sessionsNaming(ctx context.Context, tx querier, id string) ([]namingSession, error) {
	rows, err := tx.QueryContext(ctx, namingSessions, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []namingSession
	for rows.Next() {
		var ns namingSession
		var date, status string
		if err := rows.Scan(&ns.id, &date, &ns.body, &status); err != nil {
			return nil, err
		}
		if ns.date, err = parseTime(date); err != nil {
			return nil, err
		}
		ns.approved = data.SessionStatus(status).Locked()
		out = append(out, ns)
	}
	return out, rows.Err()
}

// ErasurePreview tells what erasing a person's data would do, for the dialog that asks to confirm it.
func (s *Store) ErasurePreview(ctx context.Context, id string) (data.ErasurePreview, error) {
	var out data.ErasurePreview
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if out.Person, err = anyPerson(ctx, tx, id); err != nil {
			return err
		}
		if out.Traced, err = traced(ctx, tx, id); err != nil {
			return err
		}
		sessions, err := sessionsNaming(ctx, tx, id)
		if err != nil {
			return err
		}
		for _, ns := range sessions {
			label := ns.body + " " + italian.OfDay(ns.date)
			if ns.approved {
				out.Approved = append(out.Approved, label)
			}
		}
		out.OpenTexts, err = openTextsNaming(ctx, tx, out.Person.Surname)
		return err
	})
	return out, err
}

// openTextsNaming lists the sessions not approved yet whose free texts (notes of the agenda, actions,
// decisions) contain the surname as a word: the secretary reads them again before the verbale is
// approved. Short surnames (two letters or fewer) would match too much and are not looked for.
func openTextsNaming(ctx context.Context, tx querier, surname string) ([]string, error) {
	word := data.Fold(strings.TrimSpace(surname))
	if len([]rune(word)) < 3 {
		return nil, nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT s.date, b.name, t.text FROM sessions s JOIN bodies b ON b.id = s.body_id
		JOIN (SELECT session_id, notes AS text FROM agenda_items WHERE deleted = 0
			UNION ALL SELECT session_id, who || ' ' || what FROM action_items WHERE deleted = 0
			UNION ALL SELECT session_id, text FROM decisions WHERE deleted = 0) t ON t.session_id = s.id
		WHERE s.deleted = 0 AND s.status <> ? ORDER BY s.date, s.id`, string(data.SessionApprovata))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	seen := map[string]bool{}
	for rows.Next() {
		var date, body, text string
		if err := rows.Scan(&date, &body, &text); err != nil {
			return nil, err
		}
		if !containsWord(data.Fold(text), word) {
			continue
		}
		t, err := parseTime(date)
		if err != nil {
			return nil, err
		}
		label := body + " " + italian.OfDay(t)
		if !seen[label] {
			seen[label] = true
			out = append(out, label)
		}
	}
	return out, rows.Err()
}

// containsWord reports whether word occurs in text between non-letters.
func containsWord(text, word string) bool {
	for _, f := range strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127)
	}) {
		if f == word {
			return true
		}
	}
	return false
}

// ErasePerson erases a person's data: see ErasePeople.
func (s *Store) ErasePerson(ctx context.Context, id string) (data.Erasure, error) {
	return s.ErasePeople(ctx, []string{id})
}

// ErasePeople erases the personal data of the people given, live or removed from the register, and of
// the records joined into them. Someone already erased is left as they are. Approved verbali keep the
// copies they stored. The file is then rewritten, so that the values are gone from its bytes.
func (s *Store) ErasePeople(ctx context.Context, ids []string) (data.Erasure, error) {
	var out data.Erasure
	err := s.write(ctx, func(tx *sql.Tx) error {
		for _, id := range ids {
			if err := s.erase(ctx, tx, id, &out); err != nil {
				return err
			}
		}
		return optimiseSearch(ctx, tx)
	})
	if err != nil {
		return out, err
	}
	out.Pending = s.purge(ctx)
	return out, nil
}

// erase erases one person and the records joined into them.
func (s *Store) erase(ctx context.Context, tx *sql.Tx, id string, out *data.Erasure) error {
	v, err := anyPerson(ctx, tx, id)
	if err != nil {
		return err
	}
	if v.Erased() {
		return nil
	}
	sessions, err := sessionsNaming(ctx, tx, id)
	if err != nil {
		return err
	}
	for _, ns := range sessions {
		if ns.approved {
			out.Approved++
		}
	}
	isTraced, err := traced(ctx, tx, id)
	if err != nil {
		return err
	}
	now := s.now().UTC()
	p := v.Person.Erase(now, isTraced)
	prev := p.Updated
	p.Updated, p.Device = later(now, prev), s.device
	cols := personCols(p, newKeyer())
	sets := []string{"updated = ?", "device = ?"}
	args := []any{fmtTime(p.Updated), p.Device}
	for _, c := range cols {
		sets = append(sets, c.name+" = ?")
		args = append(args, c.value)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE people SET `+strings.Join(sets, ", ")+` WHERE id = ?`, append(args, id)...); err != nil {
		return err
	}
	out.People++
	n, err := scrubTraces(ctx, tx, id)
	if err == nil {
		err = scrubVotes(ctx, tx, id)
	}
	if err == nil {
		err = scrubActions(ctx, tx, id)
	}
	if err == nil {
		err = s.forgetErased(ctx, tx, id)
	}
	if err == nil { // who erased the data, and when: the values are gone from the history already
		err = s.noteChange(ctx, tx, data.KindPerson, id, data.HistoryErasure, nil, p.Updated)
	}
	if err != nil {
		return err
	}
	out.Versions += n
	// The records joined into this person are the same person, registered twice.
	rows, err := tx.QueryContext(ctx, `SELECT id FROM people WHERE alias_of = ? AND erased = ''`, id)
	if err != nil {
		return err
	}
	var aliases []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			rows.Close()
			return err
		}
		aliases = append(aliases, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, a := range aliases {
		if err := s.erase(ctx, tx, a, out); err != nil {
			return err
		}
	}
	return nil
}

// scrubTraces empties, in place and without a new stamp, what other records of this database hold of
// an erased person's data: the versions of their record set aside by merges. It returns how many.
func scrubTraces(ctx context.Context, tx querier, id string) (int, error) {
	res, err := tx.ExecContext(ctx, `UPDATE record_versions SET row = ?, resolution = ?, deleted = 1
		WHERE row <> ? AND (kind = ? AND record_id = ?
			OR kind = ? AND record_id IN (SELECT h.id FROM record_history h WHERE h.kind = ? AND h.record_id = ?))`,
		erasedVersionRow, string(data.VersionDismissed), erasedVersionRow,
		string(data.KindPerson), id, string(data.KindHistory), string(data.KindPerson), id)
	if err != nil {
		return 0, err
	}
	n, err := res.RowsAffected()
	return int(n), err
}

// erasedVersionRow is what a version of an erased person's record holds: nothing.
const erasedVersionRow = `{}`

// optimiseSearch rebuilds the search index of proposals, whose old segments keep the words of every
// name they indexed until they are merged.
func optimiseSearch(ctx context.Context, tx querier) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO proposals_fts (proposals_fts) VALUES ('optimize')`)
	return err
}

// purge rewrites the file and empties the WAL, so that the pages that held erased values are gone.
// pending is true when that could not be done now: another connection (another window, another
// program) kept the WAL from being emptied, or was writing. The erasure itself is committed by then;
// SQLite empties the WAL when the last connection closes, and the next erasure rewrites the file.
func (s *Store) purge(ctx context.Context) bool {
	if _, err := s.db.ExecContext(ctx, `VACUUM`); err != nil {
		return true
	}
	var busy, log, done int
	if err := s.db.QueryRowContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`).Scan(&busy, &log, &done); err != nil {
		return true
	}
	return busy != 0 || log != done
}

// personErased reports whether the person was erased here, and when.
func personErased(ctx context.Context, tx querier, id string) (bool, error) {
	var erased string
	err := tx.QueryRowContext(ctx, `SELECT erased FROM people WHERE id = ?`, id).Scan(&erased)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return erased != "", err
}

// scrubIncoming empties, before the merge judges it, an incoming version set aside of a person erased
// here, as scrubTraces empties those held: the copies agree, and the values do not come back.
func (m *merger) scrubIncoming(kind data.Kind, in held) error {
	if kind == data.KindVote {
		voters, _ := in.Row["voters"].(string)
		relabelled, changed, err := erasedVoters(m.ctx, m.tx, voters)
		if changed {
			in.Row["voters"] = relabelled
		}
		return dbError(err)
	}
	if kind == data.KindActionItem {
		id, _ := in.Row["person_id"].(string)
		name, erased, err := erasedName(m.ctx, m.tx, id)
		if erased && in.Row["who"] != "" {
			in.Row["who"] = name
		}
		return dbError(err)
	}
	if kind != data.KindRecordVersion {
		return nil
	}
	id, _ := in.Row["record_id"].(string)
	switch in.Row["kind"] {
	case string(data.KindPerson):
	case string(data.KindHistory): // a version of a history entry: of a person's record?
		var k string
		err := m.tx.QueryRowContext(m.ctx, `SELECT kind, record_id FROM record_history WHERE id = ?`, id).Scan(&k, &id)
		if errors.Is(err, sql.ErrNoRows) || err == nil && k != string(data.KindPerson) {
			return nil
		}
		if err != nil {
			return dbError(err)
		}
	default:
		return nil
	}
	erased, err := personErased(m.ctx, m.tx, id)
	if err != nil || !erased {
		return dbError(err)
	}
	in.Row["row"], in.Row["resolution"], in.Row["deleted"] = erasedVersionRow, string(data.VersionDismissed), int64(1)
	return nil
}

// erasedArrived empties what this database holds of a person whose erasure the merge just wrote.
func (m *merger) erasedArrived(kind data.Kind, id string, row map[string]any) error {
	if kind != data.KindPerson || !merge.Erased(row) {
		return nil
	}
	m.erased = true
	if _, err := scrubTraces(m.ctx, m.tx, id); err != nil {
		return dbError(err)
	}
	if err := scrubVotes(m.ctx, m.tx, id); err != nil {
		return dbError(err)
	}
	if err := scrubHeldHistory(m.ctx, m.tx, id); err != nil {
		return dbError(err)
	}
	return dbError(scrubActions(m.ctx, m.tx, id))
}

// A vote keeps the seats as they were when it opened, labelled by name: a seat held by a person in
// their own right is labelled with theirs. Once that person is erased, the label is their erased name,
// here and in every vote that arrives.

// scrubVotes relabels, in place, the votes that list a seat of the erased person.
func scrubVotes(ctx context.Context, tx querier, personID string) error {
	rows, err := tx.QueryContext(ctx, `SELECT v.id, v.voters FROM votes v WHERE EXISTS (SELECT 1 FROM seats st
		WHERE st.person_id = ? AND instr(v.voters, st.id) > 0)`, personID)
	if err != nil {
		return err
	}
	type relabel struct{ id, voters string }
	var todo []relabel
	for rows.Next() {
		var r relabel
		if err := rows.Scan(&r.id, &r.voters); err != nil {
			rows.Close()
			return err
		}
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range todo {
		voters, changed, err := erasedVoters(ctx, tx, r.voters)
		if err != nil {
			return err
		}
		if changed {
			if _, err := tx.ExecContext(ctx, `UPDATE votes SET voters = ? WHERE id = ?`, voters, r.id); err != nil {
				return err
			}
		}
	}
	return nil
}

// erasedVoters relabels the seats of erased people in a vote's list of voters (JSON). changed is false
// when nothing was to change, and the list is then returned as it was.
func erasedVoters(ctx context.Context, tx querier, voters string) (string, bool, error) {
	var one int
	err := tx.QueryRowContext(ctx, `SELECT 1 FROM people WHERE erased <> '' LIMIT 1`).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) || voters == "" {
		return voters, false, nil
	}
	if err != nil {
		return voters, false, err
	}
	var list []data.VoteVoter
	if err := json.Unmarshal([]byte(voters), &list); err != nil {
		return voters, false, nil // not ours to judge here: the merge checks the record as it does any other
	}
	changed := false
	for i, v := range list {
		var surname, name string
		err := tx.QueryRowContext(ctx, `SELECT p.surname, p.name FROM seats st JOIN people p ON p.id = st.person_id
			WHERE st.id = ? AND p.erased <> '' AND st.label = '' AND st.comune_id IS NULL AND st.organisation_id IS NULL`,
			v.ID).Scan(&surname, &name)
		if errors.Is(err, sql.ErrNoRows) {
			continue
		}
		if err != nil {
			return voters, false, err
		}
		if label := (data.Person{Surname: surname, Name: name}).FullName(); label != v.Label {
			list[i].Label, changed = label, true
		}
	}
	if !changed {
		return voters, false, nil
	}
	j, err := json.Marshal(list)
	return string(j), err == nil, err
}

// PersonRecord gathers everything this database holds on a person (GDPR art. 15): their record, the
// bodies they sit in, the sessions that recorded them, their speeches, proposals and actions, the
// priorities they answer for, and the versions of their record kept for review.
func (s *Store) PersonRecord(ctx context.Context, id string) (data.PersonRecord, error) {
	// Dated by the day, so that the same data give the same document all day long, on any computer.
	now := s.now().In(data.Zone)
	out := data.PersonRecord{At: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, data.Zone)}
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		if out.Person, err = anyPerson(ctx, tx, id); err != nil {
			return err
		}
		if out.Ambito, err = ambito(ctx, tx); err != nil && data.ErrorCode(err) != data.ENotFound {
			return err
		}
		if out.Ambito.CapofilaID != "" {
			err := tx.QueryRowContext(ctx, `SELECT name FROM comuni WHERE id = ?`, out.Ambito.CapofilaID).Scan(&out.Capofila)
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		if out.Head, out.HeadGender, err = officeHead(ctx, tx); err != nil {
			return err
		}
		out.Notice = out.Ambito.Notice(out.Capofila)
		q := []struct {
			sql  string
			scan func(*sql.Rows) error
		}{
			{`SELECT b.name, m.role FROM memberships m JOIN bodies b ON b.id = m.body_id
				WHERE m.person_id = ? AND m.deleted = 0 AND b.deleted = 0 ORDER BY b.position, b.name`,
				func(r *sql.Rows) error {
					var x data.PersonRole
					err := r.Scan(&x.Body, &x.Role)
					out.Roles = append(out.Roles, x)
					return err
				}},
			{`SELECT b.name, st.label FROM seats st JOIN bodies b ON b.id = st.body_id
				WHERE st.person_id = ? AND st.deleted = 0 AND b.deleted = 0 ORDER BY b.position, st.position`,
				func(r *sql.Rows) error {
					x := data.PersonRole{Role: "titolare di un seggio"}
					var label string
					err := r.Scan(&x.Body, &label)
					if label != "" {
						x.Role = "titolare del seggio «" + label + "»"
					}
					out.Roles = append(out.Roles, x)
					return err
				}},
			{`SELECT s.date, b.name, a.presence, a.delegated, s.status FROM attendance a
				JOIN sessions s ON s.id = a.session_id JOIN bodies b ON b.id = s.body_id
				WHERE a.person_id = ? AND a.deleted = 0 AND s.deleted = 0 ORDER BY s.date, s.id`,
				func(r *sql.Rows) error {
					var x data.PersonSession
					var date, status string
					if err := r.Scan(&date, &x.Body, &x.Presence, &x.Delegated, &status); err != nil {
						return err
					}
					x.Approved = data.SessionStatus(status).Locked()
					var err error
					x.Date, err = parseTime(date)
					out.Sessions = append(out.Sessions, x)
					if x.Approved {
						out.Approved++
					}
					return err
				}},
			{`SELECT count(*) FROM speeches WHERE person_id = ? AND deleted = 0`,
				func(r *sql.Rows) error { return r.Scan(&out.Speeches) }},
			{`SELECT title, created FROM proposals WHERE proposer_id = ? AND deleted = 0 ORDER BY created, id`,
				func(r *sql.Rows) error {
					var x data.PersonProposal
					var created string
					if err := r.Scan(&x.Title, &created); err != nil {
						return err
					}
					var err error
					x.Date, err = parseTime(created)
					out.Proposals = append(out.Proposals, x)
					return err
				}},
			{`SELECT a.what, a.due, b.name, a.done FROM action_items a JOIN sessions s ON s.id = a.session_id
				JOIN bodies b ON b.id = s.body_id WHERE a.person_id = ? AND a.deleted = 0 ORDER BY a.due, a.id`,
				func(r *sql.Rows) error {
					var x data.PersonAction
					var due string
					if err := r.Scan(&x.What, &due, &x.Body, &x.Done); err != nil {
						return err
					}
					var err error
					x.Due, err = parseOptTime(due)
					out.Actions = append(out.Actions, x)
					return err
				}},
			{`SELECT p.title FROM implementations i JOIN proposals p ON p.id = i.proposal_id
				WHERE i.responsible_kind = 'person' AND i.responsible_id = ? AND i.deleted = 0 ORDER BY p.title`,
				func(r *sql.Rows) error {
					var title string
					err := r.Scan(&title)
					out.Responsible = append(out.Responsible, title)
					return err
				}},
			{`SELECT count(*) FROM record_versions WHERE kind = 'person' AND record_id = ? AND deleted = 0`,
				func(r *sql.Rows) error { return r.Scan(&out.Versions) }},
		}
		for _, x := range q {
			rows, err := tx.QueryContext(ctx, x.sql, id)
			if err != nil {
				return err
			}
			for rows.Next() {
				if err := x.scan(rows); err != nil {
					rows.Close()
					return err
				}
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
		}
		return nil
	})
	return out, err
}

// RetentionCandidates lists, in register order, the people whose contact details the Ambito's
// retention term says are kept no longer: nobody erased yet, with something to erase (a contact, a
// note), who took part in nothing (no trace: no attendance, seat, membership, speech, proposal, action
// or attuazione) and whose record has not changed for the term. People removed from the register are
// listed too: removing them did not erase their data.
func (s *Store) RetentionCandidates(ctx context.Context) ([]data.RetentionCandidate, error) {
	var out []data.RetentionCandidate
	err := s.read(ctx, func(tx *sql.Tx) error {
		a, err := ambito(ctx, tx)
		if err != nil && data.ErrorCode(err) != data.ENotFound {
			return err
		}
		cutoff := s.now().UTC().AddDate(0, -a.Privacy.Retention(), 0)
		rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("p")+`, `+personSelect+personFrom+`
			WHERE p.erased = '' AND p.alias_of = '' AND p.updated < ?
				AND (p.email <> '' OR p.phone <> '' OR p.notes <> '' OR p.deleted = 1)
			ORDER BY p.sort_key, p.id`, fmtTime(cutoff))
		if err != nil {
			return err
		}
		var found []data.PersonView
		for rows.Next() {
			v, err := scanPerson(rows)
			if err != nil {
				rows.Close()
				return err
			}
			found = append(found, v)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, v := range found {
			t, err := traced(ctx, tx, v.ID)
			if err != nil {
				return err
			}
			if !t {
				out = append(out, data.RetentionCandidate{Person: v, LastChange: v.Updated, Deleted: v.Deleted})
			}
		}
		return nil
	})
	return out, err
}

// An action item names who does it as typed ("who"), beside the person it points at: once that person
// is erased, "who" is their erased name, here and in every action item that arrives.

// scrubActions renames, in place, the action items of the erased person.
func scrubActions(ctx context.Context, tx querier, personID string) error {
	name, erased, err := erasedName(ctx, tx, personID)
	if err != nil || !erased {
		return err
	}
	_, err = tx.ExecContext(ctx, `UPDATE action_items SET who = ? WHERE person_id = ? AND who <> '' AND who <> ?`,
		name, personID, name)
	return err
}

// erasedName is what an erased person is called now; erased is false when they are not erased (or
// id is empty).
func erasedName(ctx context.Context, tx querier, id string) (name string, erased bool, err error) {
	if id == "" {
		return "", false, nil
	}
	var surname, given, at string
	err = tx.QueryRowContext(ctx, `SELECT surname, name, erased FROM people WHERE id = ?`, id).Scan(&surname, &given, &at)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		return "", false, nil
	case err != nil:
		return "", false, err
	case at == "":
		return "", false, nil
	}
	return data.Person{Surname: surname, Name: given}.FullName(), true, nil
}
