package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// Join makes two records of the same person, or of the same organisation, one: loser becomes an alias
// of survivor, survivor takes from loser what it lacks (an email, a phone, an organisation), and every
// record that pointed to loser points to survivor, but for the records of approved sessions, which
// never change and reach survivor through the alias. The join is a change like any other: it travels
// in bundles, and Unjoin undoes it.
func (s *Store) Join(ctx context.Context, kind data.Kind, loser, survivor string) (data.Join, error) {
	var j data.Join
	err := s.write(ctx, func(tx *sql.Tx) error {
		var err error
		j, err = s.join(ctx, tx, kind, loser, survivor)
		return err
	})
	return j, err
}

// Unjoin undoes a join: the alias is a record of its own again, and the references the join moved go
// back to it. A join made by a merge lists none, and undoing it only separates the records again.
func (s *Store) Unjoin(ctx context.Context, j data.Join) error {
	if j.Kind != data.KindPerson && j.Kind != data.KindOrganisation {
		return data.Errorf(data.EInvalid, "err.join.kind", "kind", string(j.Kind))
	}
	return s.write(ctx, func(tx *sql.Tx) error {
		table := tables[j.Kind]
		var alias string
		err := tx.QueryRowContext(ctx, `SELECT alias_of FROM `+table+` WHERE id = ?`, j.Loser).Scan(&alias)
		if errors.Is(err, sql.ErrNoRows) || err == nil && alias == "" {
			return data.Errorf(data.ENotFound, "err.join.missing")
		}
		if err != nil {
			return err
		}
		if err := s.restamp(ctx, tx, j.Kind, j.Loser, `alias_of = '', deleted = 0`); err != nil {
			return err
		}
		if err := s.noteRestamp(ctx, tx, j.Kind, j.Loser, data.HistoryRestored, "alias_of", alias, nil); err != nil {
			return err
		}
		// What the join set aside as repeated (a presence both records had) comes back with it.
		if err := s.reviveCascades(ctx, tx); err != nil {
			return err
		}
		for _, m := range j.Moved {
			if !refColumn(ctx, tx, m, table) {
				return data.Errorf(data.EInvalid, "err.join.kind", "kind", string(m.Kind))
			}
			var now string
			err := tx.QueryRowContext(ctx, `SELECT `+m.Column+` FROM `+tables[m.Kind]+` WHERE id = ?`, m.ID).Scan(&now)
			if errors.Is(err, sql.ErrNoRows) || err == nil && now != alias {
				continue // gone since, or pointed elsewhere by someone: left as it is
			}
			if err != nil {
				return err
			}
			if err := notLockedByRef(ctx, tx, m.Ref); err != nil {
				continue
			}
			if err := s.restamp(ctx, tx, m.Kind, m.ID, m.Column+` = ?`, j.Loser); err != nil {
				return err
			}
			if err := s.noteRestamp(ctx, tx, m.Kind, m.ID, data.HistoryChanged, m.Column, alias, j.Loser); err != nil {
				return err
			}
		}
		return nil
	})
}

// join does Join inside tx.
func (s *Store) join(ctx context.Context, tx *sql.Tx, kind data.Kind, loser, survivor string) (data.Join, error) {
	j := data.Join{Kind: kind, Loser: loser, Survivor: survivor}
	if kind != data.KindPerson && kind != data.KindOrganisation {
		return j, data.Errorf(data.EInvalid, "err.join.kind", "kind", string(kind))
	}
	if loser == survivor || loser == "" || survivor == "" {
		return j, data.Errorf(data.EInvalid, "err.join.same")
	}
	k := newKeyer()
	switch kind {
	case data.KindPerson:
		lv, err := livePerson(ctx, tx, loser)
		if err != nil {
			return j, err
		}
		sv, err := livePerson(ctx, tx, survivor)
		if err != nil {
			return j, err
		}
		j.LoserName, j.SurvivorName = lv.FullName(), sv.FullName()
		if filled := fillPerson(sv.Person, lv.Person); filled != sv.Person {
			if err := s.savePerson(ctx, tx, k, &filled); err != nil {
				return j, err
			}
		}
	case data.KindOrganisation:
		lo, err := liveOrganisation(ctx, tx, loser)
		if err != nil {
			return j, err
		}
		so, err := liveOrganisation(ctx, tx, survivor)
		if err != nil {
			return j, err
		}
		j.LoserName, j.SurvivorName = lo.Name, so.Name
		if filled := fillOrganisation(so, lo); filled != so {
			if err := s.save(ctx, tx, data.KindOrganisation, &filled.Meta, organisationCols(filled, k)); err != nil {
				return j, err
			}
		}
	}
	table := tables[kind]
	refs, err := referencing(ctx, tx, table)
	if err != nil {
		return j, err
	}
	for _, r := range refs {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM `+tables[r.Kind]+` WHERE deleted = 0 AND `+r.Column+` = ?
			ORDER BY id`, loser)
		if err != nil {
			return j, err
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return j, err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return j, err
		}
		for _, id := range ids {
			ref := data.Ref{Kind: r.Kind, ID: id}
			if notLockedByRef(ctx, tx, ref) != nil {
				continue // an approved session's record keeps what it named: the alias leads on
			}
			twice, err := sameForSurvivor(ctx, tx, r, id, survivor)
			if err != nil {
				return j, err
			}
			if twice {
				// The record that stands has it already (both were checked in at the same meeting): this
				// one goes with the alias, and comes back if the join is undone.
				if err := s.setDeletedBy(ctx, tx, ref, data.Ref{Kind: kind, ID: loser}); err != nil {
					return j, err
				}
				continue
			}
			if err := s.restamp(ctx, tx, r.Kind, id, r.Column+` = ?`, survivor); err != nil {
				return j, err
			}
			if err := s.noteRestamp(ctx, tx, r.Kind, id, data.HistoryChanged, r.Column, loser, survivor); err != nil {
				return j, err
			}
			j.Moved = append(j.Moved, data.RefColumn{Ref: ref, Column: r.Column})
		}
	}
	// Aliases of the loser follow it to the survivor: an alias always names a record that stands.
	aliases, err := idsWhere(ctx, tx, table, `alias_of = ?`, loser)
	if err != nil {
		return j, err
	}
	for _, id := range aliases {
		if err := s.restamp(ctx, tx, kind, id, `alias_of = ?`, survivor); err != nil {
			return j, err
		}
	}
	if err := s.restamp(ctx, tx, kind, loser, `alias_of = ?, deleted = 1`, survivor); err != nil {
		return j, err
	}
	return j, s.noteRestamp(ctx, tx, kind, loser, data.HistoryDeleted, "alias_of", nil, survivor)
}

// followAliases points to the record that stands every live record that still names an alias of it: a
// record made on a laptop that had not heard of the join yet (a membership of the person entered
// twice) arrives naming the alias. Records of approved sessions keep what they name.
func (s *Store) followAliases(ctx context.Context, tx *sql.Tx) error {
	for _, kind := range []data.Kind{data.KindOrganisation, data.KindPerson} {
		table := tables[kind]
		refs, err := referencing(ctx, tx, table)
		if err != nil {
			return err
		}
		for _, r := range refs {
			rows, err := tx.QueryContext(ctx, `SELECT x.id, a.alias_of FROM `+tables[r.Kind]+` x JOIN `+table+
				` a ON a.id = x.`+r.Column+` AND a.alias_of <> '' WHERE x.deleted = 0 ORDER BY x.id`)
			if err != nil {
				return err
			}
			type move struct{ id, to string }
			var moves []move
			for rows.Next() {
				var mv move
				if err := rows.Scan(&mv.id, &mv.to); err != nil {
					rows.Close()
					return err
				}
				moves = append(moves, mv)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return err
			}
			for _, mv := range moves {
				if notLockedByRef(ctx, tx, data.Ref{Kind: r.Kind, ID: mv.id}) != nil {
					continue
				}
				if err := s.restamp(ctx, tx, r.Kind, mv.id, r.Column+` = ?`, mv.to); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// sameForSurvivor reports whether moving record id's reference to survivor would repeat a record the
// survivor has: a second presence at the same session, a second identical membership.
func sameForSurvivor(ctx context.Context, tx *sql.Tx, r data.RefColumn, id, survivor string) (bool, error) {
	var q string
	switch {
	case r.Kind == data.KindAttendance && r.Column == "person_id":
		q = `SELECT count(*) FROM attendance a JOIN attendance x ON x.id = ? WHERE a.deleted = 0 AND a.id <> x.id
			AND a.session_id = x.session_id AND a.person_id = ?`
	case r.Kind == data.KindMembership && r.Column == "person_id":
		q = `SELECT count(*) FROM memberships a JOIN memberships x ON x.id = ? WHERE a.deleted = 0 AND a.id <> x.id
			AND a.body_id = x.body_id AND a.role = x.role AND coalesce(a.seat_id, '') = coalesce(x.seat_id, '')
			AND a.person_id = ?`
	default:
		return false, nil
	}
	var n int
	err := tx.QueryRowContext(ctx, q, id, survivor).Scan(&n)
	return n > 0, err
}

// restamp changes a record with set (an SQL assignment list with its arguments) as a change of this
// device, later than the version it replaces.
func (s *Store) restamp(ctx context.Context, tx *sql.Tx, kind data.Kind, id, set string, args ...any) error {
	table := tables[kind]
	var stored string
	if err := tx.QueryRowContext(ctx, `SELECT updated FROM `+table+` WHERE id = ?`, id).Scan(&stored); err != nil {
		return err
	}
	prev, err := parseTime(stored)
	if err != nil {
		return err
	}
	args = append(args, fmtTime(later(s.now().UTC(), prev)), s.device, id)
	_, err = tx.ExecContext(ctx, `UPDATE `+table+` SET `+set+`, updated = ?, device = ? WHERE id = ?`, args...)
	return err
}

// referencing lists the columns of the synchronised tables that reference table, in SyncKinds order.
func referencing(ctx context.Context, tx *sql.Tx, table string) ([]data.RefColumn, error) {
	var out []data.RefColumn
	for _, kind := range data.SyncKinds {
		rows, err := tx.QueryContext(ctx, `SELECT "from" FROM pragma_foreign_key_list(?) WHERE "table" = ? ORDER BY id`,
			tables[kind], table)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var col string
			if err := rows.Scan(&col); err != nil {
				rows.Close()
				return nil, err
			}
			out = append(out, data.RefColumn{Ref: data.Ref{Kind: kind}, Column: col})
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// refColumn reports whether m names a column that references table: a join's list of moved references
// comes from the caller, and only such columns may be written.
func refColumn(ctx context.Context, tx *sql.Tx, m data.RefColumn, table string) bool {
	if _, ok := tables[m.Kind]; !ok {
		return false
	}
	cols, err := referencing(ctx, tx, table)
	if err != nil {
		return false
	}
	for _, c := range cols {
		if c.Kind == m.Kind && c.Column == m.Column {
			return true
		}
	}
	return false
}

// idsWhere lists the ids of a table's rows matching where.
func idsWhere(ctx context.Context, tx *sql.Tx, table, where string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM `+table+` WHERE `+where+` ORDER BY id`, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// livePerson reads a person who is in the registry, or says the record is gone.
func livePerson(ctx context.Context, tx *sql.Tx, id string) (data.PersonView, error) {
	v, err := scanPerson(tx.QueryRowContext(ctx, `SELECT `+metaCols("p")+`, `+personSelect+personFrom+
		` WHERE p.id = ? AND p.deleted = 0`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return v, data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindPerson))
	}
	return v, err
}

// liveOrganisation reads an organisation that is in the registry, or says the record is gone.
func liveOrganisation(ctx context.Context, tx *sql.Tx, id string) (data.Organisation, error) {
	var o data.Organisation
	ms := metaScan{m: &o.Meta}
	err := tx.QueryRowContext(ctx, `SELECT `+metaCols("o")+`, o.name, o.category, coalesce(o.comune_id, ''),
		o.email, o.phone, o.notes FROM organisations o WHERE o.id = ? AND o.deleted = 0`, id).
		Scan(append(ms.dest(), &o.Name, &o.Category, &o.ComuneID, &o.Email, &o.Phone, &o.Notes)...)
	if errors.Is(err, sql.ErrNoRows) {
		return o, data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindOrganisation))
	}
	if err != nil {
		return o, err
	}
	return o, ms.finish()
}

// fillPerson is survivor with what it lacks taken from loser: the same person, entered twice, may be
// known better in one record than in the other.
func fillPerson(survivor, loser data.Person) data.Person {
	out := survivor
	for _, f := range []struct {
		dst *string
		src string
	}{{&out.Email, loser.Email}, {&out.Phone, loser.Phone}, {&out.Notes, loser.Notes}, {&out.Title, loser.Title},
		{&out.OrganisationID, loser.OrganisationID}, {&out.ComuneText, loser.ComuneText}} {
		if strings.TrimSpace(*f.dst) == "" {
			*f.dst = f.src
		}
	}
	if out.ComuneID == "" && out.ComuneText == loser.ComuneText {
		out.ComuneID = loser.ComuneID
	}
	if out.Gender == data.GenderUnknown {
		out.Gender = loser.Gender
	}
	if out.Category == data.CatAltro || out.Category == "" {
		out.Category = loser.Category
	}
	// Whoever asked for initials in published copies, on either record, still has them.
	out.PublishInitials = out.PublishInitials || loser.PublishInitials
	return out
}

// fillOrganisation is fillPerson for an organisation.
func fillOrganisation(survivor, loser data.Organisation) data.Organisation {
	out := survivor
	for _, f := range []struct {
		dst *string
		src string
	}{{&out.Email, loser.Email}, {&out.Phone, loser.Phone}, {&out.Notes, loser.Notes}, {&out.ComuneID, loser.ComuneID}} {
		if strings.TrimSpace(*f.dst) == "" {
			*f.dst = f.src
		}
	}
	if out.Category == data.CatAltro || out.Category == "" {
		out.Category = loser.Category
	}
	return out
}

// autoJoin joins the people and organisations created twice that a merge brought together: a record
// added by the bundle and a live one here that the importer's rule takes for the same person (same
// surname, name and email; or the same name with no email on one side, and no other live person of
// that name), or an organisation of the same folded name. The record created first stands (then the
// lower id), so that every laptop joins the same way.
func (m *merger) autoJoin(added map[data.Ref]bool) ([]data.Join, error) {
	var out []data.Join
	var refs []data.Ref
	for r := range added {
		refs = append(refs, r)
	}
	sort.Slice(refs, func(i, j int) bool {
		if refs[i].Kind != refs[j].Kind {
			return refs[i].Kind > refs[j].Kind // organisations, then people: a person's organisation first
		}
		return refs[i].ID < refs[j].ID
	})
	for _, r := range refs {
		var twin string
		var err error
		switch r.Kind {
		case data.KindPerson:
			twin, err = m.personTwin(r.ID)
		case data.KindOrganisation:
			twin, err = m.organisationTwin(r.ID)
		default:
			continue
		}
		if err != nil {
			return nil, err
		}
		if twin == "" {
			continue
		}
		loser, survivor, err := m.firstCreated(r.Kind, r.ID, twin)
		if err != nil {
			return nil, err
		}
		j, err := m.s.join(m.ctx, m.tx, r.Kind, loser, survivor)
		if err != nil {
			return nil, err
		}
		j.Moved = nil // on every laptop the join moves what that laptop holds: nothing to undo by list
		out = append(out, j)
	}
	return out, nil
}

// personTwin is the one live person other than id whom the importer's rule takes for the same person,
// or "".
func (m *merger) personTwin(id string) (string, error) {
	var key, email string
	var deleted int
	err := m.tx.QueryRowContext(m.ctx, `SELECT match_key, email, deleted FROM people WHERE id = ?`, id).Scan(&key, &email, &deleted)
	if err != nil || deleted != 0 || key == "" { // an erased person has no identity to match
		return "", err
	}
	same, err := idsWhere(m.ctx, m.tx, "people", `deleted = 0 AND id <> ? AND match_key = ?`, id, key)
	if err != nil || len(same) > 0 {
		if len(same) > 0 {
			return same[0], nil
		}
		return "", err
	}
	// The same name, with no email on one side: only when nobody else has that name.
	prefix := key[:strings.LastIndex(key, "|")+1]
	named, err := idsWhere(m.ctx, m.tx, "people", `deleted = 0 AND id <> ? AND match_key >= ? AND match_key < ?`,
		id, prefix, prefix+"\U0010FFFF")
	if err != nil || len(named) != 1 {
		return "", err
	}
	var other string
	if err := m.tx.QueryRowContext(m.ctx, `SELECT email FROM people WHERE id = ?`, named[0]).Scan(&other); err != nil {
		return "", err
	}
	if email != "" && other != "" {
		return "", nil
	}
	return named[0], nil
}

// organisationTwin is a live organisation other than id with the same folded name, or "".
func (m *merger) organisationTwin(id string) (string, error) {
	var name string
	var deleted int
	err := m.tx.QueryRowContext(m.ctx, `SELECT name, deleted FROM organisations WHERE id = ?`, id).Scan(&name, &deleted)
	if err != nil || deleted != 0 {
		return "", err
	}
	rows, err := m.tx.QueryContext(m.ctx, `SELECT id, name FROM organisations WHERE deleted = 0 AND id <> ? ORDER BY id`, id)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	want := data.Fold(strings.Join(strings.Fields(name), " "))
	for rows.Next() {
		var oid, oname string
		if err := rows.Scan(&oid, &oname); err != nil {
			return "", err
		}
		if data.Fold(strings.Join(strings.Fields(oname), " ")) == want {
			return oid, nil
		}
	}
	return "", rows.Err()
}

// firstCreated orders two records of a kind: the one created later (then the higher id) loses.
func (m *merger) firstCreated(kind data.Kind, a, b string) (loser, survivor string, err error) {
	var ca, cb string
	table := tables[kind]
	if err := m.tx.QueryRowContext(m.ctx, `SELECT created FROM `+table+` WHERE id = ?`, a).Scan(&ca); err != nil {
		return "", "", err
	}
	if err := m.tx.QueryRowContext(m.ctx, `SELECT created FROM `+table+` WHERE id = ?`, b).Scan(&cb); err != nil {
		return "", "", err
	}
	if ca < cb || ca == cb && a < b {
		return b, a, nil
	}
	return a, b, nil
}
