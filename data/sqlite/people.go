package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// personColumns are a person's own columns; personSelect adds the names of the organisation and the
// comune, which personFrom joins.
const personColumns = `p.surname, p.name, p.category, coalesce(p.organisation_id, ''), coalesce(p.comune_id, ''),
	p.comune_text, p.email, p.phone, p.notes, p.title, p.gender, p.erased, p.publish_initials`

const personSelect = personColumns + `, coalesce(o.name, ''), coalesce(c.name, '')`

const personFrom = ` FROM people p
	LEFT JOIN organisations o ON o.id = p.organisation_id AND o.deleted = 0
	LEFT JOIN comuni c ON c.id = p.comune_id AND c.deleted = 0`

func scanPerson(sc interface{ Scan(...any) error }) (data.PersonView, error) {
	var v data.PersonView
	var erased string
	ms := metaScan{m: &v.Meta}
	err := sc.Scan(append(ms.dest(), &v.Surname, &v.Name, &v.Category, &v.OrganisationID, &v.ComuneID,
		&v.ComuneText, &v.Email, &v.Phone, &v.Notes, &v.Title, &v.Gender, &erased, &v.PublishInitials, &v.OrganisationName, &v.ComuneName)...)
	if err != nil {
		return v, err
	}
	if erased != "" {
		if v.ErasedAt, err = parseTime(erased); err != nil {
			return v, err
		}
	}
	return v, ms.finish()
}

// People lists the register, filtered, in Italian alphabetical order of surname and name. The query
// matches every word, ignoring case and accents, in names, email, phone, organisation and comune.
func (s *Store) People(ctx context.Context, f data.PeopleFilter) ([]data.PersonView, error) {
	where := []string{"p.deleted = 0"}
	var args []any
	if f.Category != "" {
		where = append(where, "p.category = ?")
		args = append(args, string(f.Category))
	}
	if f.ComuneID != "" {
		where = append(where, "p.comune_id = ?")
		args = append(args, f.ComuneID)
	}
	if f.OrganisationID != "" {
		where = append(where, "p.organisation_id = ?")
		args = append(args, f.OrganisationID)
	}
	if cond, a := likeTerms(`(p.search || ' ' || coalesce(o.search, '') || ' ' || coalesce(c.search, ''))`, f.Query); cond != "" {
		where = append(where, cond)
		args = append(args, a...)
	}
	q := `SELECT ` + metaCols("p") + `, ` + personSelect + personFrom + ` WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY p.sort_key, p.id`
	if f.Limit > 0 {
		q += ` LIMIT ?`
		args = append(args, f.Limit)
	}
	var out []data.PersonView
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			v, err := scanPerson(rows)
			if err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}

// Person returns one person; ENotFound when there is none (or they were deleted).
func (s *Store) Person(ctx context.Context, id string) (data.PersonView, error) {
	var v data.PersonView
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		v, err = scanPerson(tx.QueryRowContext(ctx, `SELECT `+metaCols("p")+`, `+personSelect+personFrom+
			` WHERE p.id = ? AND p.deleted = 0`, id))
		if errors.Is(err, sql.ErrNoRows) {
			return data.Errorf(data.ENotFound, "err.record.deleted", "kind", string(data.KindPerson))
		}
		return err
	})
	return v, err
}

// SavePerson creates or updates a person.
func (s *Store) SavePerson(ctx context.Context, p data.Person) (data.Person, error) {
	p = tidyPerson(p)
	if err := p.Validate(); err != nil {
		return p, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		return s.savePerson(ctx, tx, newKeyer(), &p)
	})
	return p, err
}

func (s *Store) savePerson(ctx context.Context, tx querier, k *keyer, p *data.Person) error {
	if p.ID != "" {
		// An erased person stays erased: their data are not written again, by a form or an import.
		if erased, err := personErased(ctx, tx, p.ID); err != nil || erased {
			if err == nil {
				err = data.Errorf(data.EInvalid, "err.person.erased")
			}
			return err
		}
	}
	if err := liveRef(ctx, tx, data.KindOrganisation, p.OrganisationID); err != nil {
		return err
	}
	if err := liveRef(ctx, tx, data.KindComune, p.ComuneID); err != nil {
		return err
	}
	return s.save(ctx, tx, data.KindPerson, &p.Meta, personCols(*p, k))
}

// tidyPerson trims what people type around names and addresses.
func tidyPerson(p data.Person) data.Person {
	p.Surname = strings.Join(strings.Fields(p.Surname), " ")
	p.Name = strings.Join(strings.Fields(p.Name), " ")
	p.Email = strings.TrimSpace(p.Email)
	p.Phone = strings.TrimSpace(p.Phone)
	p.ComuneText = strings.TrimSpace(p.ComuneText)
	p.Title = strings.Join(strings.Fields(p.Title), " ")
	if p.Category == "" {
		p.Category = data.CatAltro
	}
	return p
}

// matchKey is a person's identity for imports: the same name and email, whatever the case and accents.
func matchKey(surname, name, email string) string {
	return data.Fold(strings.Join(strings.Fields(surname), " ")) + "|" +
		data.Fold(strings.Join(strings.Fields(name), " ")) + "|" + strings.ToLower(strings.TrimSpace(email))
}

// Organisations lists organisations in Italian alphabetical order, filtered by every word of query,
// with how many people belong to each.
func (s *Store) Organisations(ctx context.Context, query string) ([]data.OrganisationView, error) {
	where := []string{"o.deleted = 0"}
	cond, args := likeTerms(`(o.search || ' ' || coalesce(c.search, ''))`, query)
	if cond != "" {
		where = append(where, cond)
	}
	var out []data.OrganisationView
	err := s.read(ctx, func(tx *sql.Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+metaCols("o")+`, o.name, o.category, coalesce(o.comune_id, ''),
			o.email, o.phone, o.notes, coalesce(c.name, ''),
			(SELECT count(*) FROM people p WHERE p.organisation_id = o.id AND p.deleted = 0)
			FROM organisations o LEFT JOIN comuni c ON c.id = o.comune_id AND c.deleted = 0
			WHERE `+strings.Join(where, " AND ")+` ORDER BY o.sort_key, o.id`, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var v data.OrganisationView
			ms := metaScan{m: &v.Meta}
			if err := rows.Scan(append(ms.dest(), &v.Name, &v.Category, &v.ComuneID, &v.Email, &v.Phone, &v.Notes,
				&v.ComuneName, &v.People)...); err != nil {
				return err
			}
			if err := ms.finish(); err != nil {
				return err
			}
			out = append(out, v)
		}
		return rows.Err()
	})
	return out, err
}

// SaveOrganisation creates or updates an organisation. Two organisations may not share a name.
func (s *Store) SaveOrganisation(ctx context.Context, o data.Organisation) (data.Organisation, error) {
	o.Name = tidyName(o.Name)
	o.Email = strings.TrimSpace(o.Email)
	if o.Category == "" {
		o.Category = data.CatAltro
	}
	if err := o.Validate(); err != nil {
		return o, err
	}
	err := s.write(ctx, func(tx *sql.Tx) error {
		return s.saveOrganisation(ctx, tx, newKeyer(), &o)
	})
	return o, err
}

func (s *Store) saveOrganisation(ctx context.Context, tx querier, k *keyer, o *data.Organisation) error {
	if err := uniqueName(ctx, tx, "organisations", o.Name, o.ID); err != nil {
		return data.Errorf(data.EConflict, "err.organisation.duplicate", "name", o.Name).Wrap(err)
	}
	if err := liveRef(ctx, tx, data.KindComune, o.ComuneID); err != nil {
		return err
	}
	return s.save(ctx, tx, data.KindOrganisation, &o.Meta, organisationCols(*o, k))
}
