package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"sort"

	"github.com/tavoli/tavoli/data"
)

// kindOrder is the order bodies are listed in: the mayors first, the tables last.
var kindOrder = map[data.BodyKind]int{}

func init() {
	for i, k := range data.BodyKinds {
		kindOrder[k] = i
	}
}

// Bodies lists the bodies: by kind (Sindaci, Tavolo Alto, tables...), then position, then name.
func (s *Store) Bodies(ctx context.Context) ([]data.Body, error) {
	var out []data.Body
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = bodies(ctx, tx)
		return err
	})
	return out, err
}

func bodies(ctx context.Context, tx *sql.Tx) ([]data.Body, error) {
	var out []data.Body
	err := func() error {
		rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("b")+`, b.name, b.kind, coalesce(b.area_id, ''),
			b.rules, b.position, b.notes, coalesce(a.position, 0)
			FROM bodies b LEFT JOIN areas a ON a.id = b.area_id
			WHERE b.deleted = 0`)
		if err != nil {
			return err
		}
		defer rows.Close()
		areaPos := map[string]int{}
		for rows.Next() {
			var b data.Body
			var rules string
			var ap int
			ms := metaScan{m: &b.Meta}
			if err := rows.Scan(append(ms.dest(), &b.Name, &b.Kind, &b.AreaID, &rules, &b.Position, &b.Notes, &ap)...); err != nil {
				return err
			}
			if err := ms.finish(); err != nil {
				return err
			}
			if err := json.Unmarshal([]byte(rules), &b.Rules); err != nil {
				return data.Errorf(data.ECorrupt, "err.body.rules_stored", "name", b.Name).Wrap(err)
			}
			areaPos[b.ID] = ap
			out = append(out, b)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		c := data.Collator()
		sort.SliceStable(out, func(i, j int) bool {
			a, b := out[i], out[j]
			if kindOrder[a.Kind] != kindOrder[b.Kind] {
				return kindOrder[a.Kind] < kindOrder[b.Kind]
			}
			if a.Position != b.Position {
				return a.Position < b.Position
			}
			if areaPos[a.ID] != areaPos[b.ID] {
				return areaPos[a.ID] < areaPos[b.ID]
			}
			return c.CompareString(a.Name, b.Name) < 0
		})
		return nil
	}()
	return out, err
}

// SaveBody creates or updates a body with its rules. Two bodies may not share a name.
func (s *Store) SaveBody(ctx context.Context, b data.Body) (data.Body, error) {
	if b.Kind != data.BodyTavoloTematico {
		b.AreaID = ""
	}
	b.Name = tidyName(b.Name)
	if err := b.Validate(); err != nil {
		return b, err
	}
	cols, err := bodyCols(b)
	if err != nil {
		return b, err
	}
	err = s.write(ctx, func(tx *sql.Tx) error {
		if err := uniqueName(ctx, tx, "bodies", b.Name, b.ID); err != nil {
			return data.Errorf(data.EConflict, "err.body.duplicate", "name", b.Name).Wrap(err)
		}
		if err := liveRef(ctx, tx, data.KindArea, b.AreaID); err != nil {
			return err
		}
		return s.save(ctx, tx, data.KindBody, &b.Meta, cols)
	})
	return b, err
}

// Seats lists a body's seats in order, with the name and population of what each stands for.
func (s *Store) Seats(ctx context.Context, bodyID string) ([]data.SeatView, error) {
	var out []data.SeatView
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = seats(ctx, tx, bodyID)
		return err
	})
	return out, err
}

func seats(ctx context.Context, tx *sql.Tx, bodyID string) ([]data.SeatView, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("s")+`, s.body_id, s.position, s.label,
		coalesce(s.comune_id, ''), coalesce(s.organisation_id, ''), coalesce(s.person_id, ''),
		coalesce(c.name, ''), coalesce(c.population, 0), coalesce(o.name, ''),
		coalesce(trim(p.surname || ' ' || p.name), '')
		FROM seats s
		LEFT JOIN comuni c ON c.id = s.comune_id AND c.deleted = 0
		LEFT JOIN organisations o ON o.id = s.organisation_id AND o.deleted = 0
		LEFT JOIN people p ON p.id = s.person_id AND p.deleted = 0
		WHERE s.deleted = 0 AND s.body_id = ?
		ORDER BY s.position, s.created, s.id`, bodyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.SeatView
	for rows.Next() {
		var v data.SeatView
		var comune, org, person string
		ms := metaScan{m: &v.Meta}
		if err := rows.Scan(append(ms.dest(), &v.BodyID, &v.Position, &v.Label, &v.ComuneID, &v.OrganisationID,
			&v.PersonID, &comune, &v.Population, &org, &person)...); err != nil {
			return nil, err
		}
		if err := ms.finish(); err != nil {
			return nil, err
		}
		v.Name, v.ComuneName = v.Label, comune
		if v.Name == "" {
			v.Name = comune + org + person // at most one is set
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// SaveSeat creates or updates a seat; a new seat goes to the end of its body's list. A comune,
// organisation or person holds at most one seat in a body.
func (s *Store) SaveSeat(ctx context.Context, st data.Seat) (data.Seat, error) {
	if err := st.Validate(); err != nil {
		return st, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := liveRef(ctx, tx, data.KindBody, st.BodyID); err != nil {
			return err
		}
		for _, ref := range []struct {
			kind data.Kind
			col  string
			id   string
		}{{data.KindComune, "comune_id", st.ComuneID}, {data.KindOrganisation, "organisation_id", st.OrganisationID},
			{data.KindPerson, "person_id", st.PersonID}} {
			if ref.id == "" {
				continue
			}
			if err := liveRef(ctx, tx, ref.kind, ref.id); err != nil {
				return err
			}
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM seats WHERE deleted = 0 AND body_id = ? AND `+
				ref.col+` = ? AND id <> ?`, st.BodyID, ref.id, st.ID).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return data.Errorf(data.EConflict, "err.seat.duplicate")
			}
		}
		if st.ID == "" {
			if err := tx.QueryRowContext(ctx, `SELECT coalesce(max(position), 0) + 1 FROM seats WHERE deleted = 0 AND body_id = ?`,
				st.BodyID).Scan(&st.Position); err != nil {
				return err
			}
		}
		return s.save(ctx, tx, data.KindSeat, &st.Meta, seatCols(st))
	})
	return st, err
}

// Memberships lists a body's members: by role (presidente first), then name.
func (s *Store) Memberships(ctx context.Context, bodyID string) ([]data.MembershipView, error) {
	var out []data.MembershipView
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = memberships(ctx, tx, bodyID)
		return err
	})
	return out, err
}

func memberships(ctx context.Context, tx *sql.Tx, bodyID string) ([]data.MembershipView, error) {
	seatNames := map[string]string{}
	list, err := seats(ctx, tx, bodyID)
	if err != nil {
		return nil, err
	}
	for _, v := range list {
		seatNames[v.ID] = v.Name
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("m")+`, m.body_id, m.person_id, m.role,
		coalesce(m.seat_id, ''), trim(p.surname || ' ' || p.name)
		FROM memberships m JOIN people p ON p.id = m.person_id AND p.deleted = 0
		WHERE m.deleted = 0 AND m.body_id = ?
		ORDER BY p.sort_key, m.id`, bodyID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []data.MembershipView
	for rows.Next() {
		var v data.MembershipView
		ms := metaScan{m: &v.Meta}
		if err := rows.Scan(append(ms.dest(), &v.BodyID, &v.PersonID, &v.Role, &v.SeatID, &v.PersonName)...); err != nil {
			return nil, err
		}
		if err := ms.finish(); err != nil {
			return nil, err
		}
		v.SeatName = seatNames[v.SeatID]
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	roleOrder := map[data.Role]int{}
	for i, r := range data.Roles {
		roleOrder[r] = i
	}
	sort.SliceStable(out, func(i, j int) bool { return roleOrder[out[i].Role] < roleOrder[out[j].Role] })
	return out, nil
}

// loadBody reads one live body with its rules.
func loadBody(ctx context.Context, tx *sql.Tx, id string) (data.Body, error) {
	var b data.Body
	var rules string
	ms := metaScan{m: &b.Meta}
	err := tx.QueryRowContext(ctx, `SELECT `+metaCols("b")+`, b.name, b.kind, coalesce(b.area_id, ''), b.rules,
		b.position, b.notes FROM bodies b WHERE b.id = ? AND b.deleted = 0`, id).Scan(
		append(ms.dest(), &b.Name, &b.Kind, &b.AreaID, &rules, &b.Position, &b.Notes)...)
	if err == sql.ErrNoRows {
		return b, data.Errorf(data.ENotFound, "err.ref.missing", "kind", string(data.KindBody))
	}
	if err != nil {
		return b, err
	}
	if err := json.Unmarshal([]byte(rules), &b.Rules); err != nil {
		return b, data.Errorf(data.ECorrupt, "err.body.rules_stored", "name", b.Name).Wrap(err)
	}
	return b, ms.finish()
}

// SaveMembership creates or updates a membership. The seat must be one of the body's, and a person may
// hold no more seats than the body's rules allow (proxies).
func (s *Store) SaveMembership(ctx context.Context, m data.Membership) (data.Membership, error) {
	if err := m.Validate(); err != nil {
		return m, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		if err := liveRef(ctx, tx, data.KindPerson, m.PersonID); err != nil {
			return err
		}
		var rules string
		if err := tx.QueryRowContext(ctx, `SELECT rules FROM bodies WHERE id = ? AND deleted = 0`, m.BodyID).Scan(&rules); err != nil {
			if err == sql.ErrNoRows {
				return data.Errorf(data.ENotFound, "err.ref.missing", "kind", string(data.KindBody))
			}
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM memberships WHERE deleted = 0 AND body_id = ?
			AND person_id = ? AND role = ? AND coalesce(seat_id, '') = ? AND id <> ?`,
			m.BodyID, m.PersonID, string(m.Role), m.SeatID, m.ID).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return data.Errorf(data.EConflict, "err.membership.duplicate")
		}
		if m.SeatID != "" {
			var body string
			err := tx.QueryRowContext(ctx, `SELECT body_id FROM seats WHERE id = ? AND deleted = 0`, m.SeatID).Scan(&body)
			if err == sql.ErrNoRows || (err == nil && body != m.BodyID) {
				return data.Errorf(data.EInvalid, "err.membership.seat_elsewhere")
			}
			if err != nil {
				return err
			}
			var r data.Rules
			if err := json.Unmarshal([]byte(rules), &r); err != nil {
				return err
			}
			var held int
			if err := tx.QueryRowContext(ctx, `SELECT count(DISTINCT seat_id) FROM memberships WHERE deleted = 0
				AND body_id = ? AND person_id = ? AND seat_id IS NOT NULL AND seat_id <> ? AND id <> ?`,
				m.BodyID, m.PersonID, m.SeatID, m.ID).Scan(&held); err != nil {
				return err
			}
			if held+1 > r.Proxies {
				return data.Errorf(data.EInvalid, "err.membership.proxies", "max", r.Proxies)
			}
		}
		return s.save(ctx, tx, data.KindMembership, &m.Meta, membershipCols(m))
	})
	return m, err
}
