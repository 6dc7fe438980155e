package sqlite

import (
	"context"
	"database/sql"

	"github.com/tavoli/tavoli/data"
)

// IsEmpty reports whether the database holds no records at all (live or deleted); the installations that
// opened it do not count.
func (s *Store) IsEmpty(ctx context.Context) (bool, error) {
	empty := true
	err := s.read(ctx, func(tx *sql.Tx) error {
		var err error
		empty, err = isEmpty(ctx, tx)
		return err
	})
	return empty, err
}

func isEmpty(ctx context.Context, tx *sql.Tx) (bool, error) {
	for k, t := range tables {
		if k == data.KindDevice {
			continue
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return false, nil
		}
	}
	return true, nil
}

// Seed writes a whole dataset into an empty database, in one transaction. A database that holds
// anything is refused and left as it was: seeding never overwrites.
func (s *Store) Seed(ctx context.Context, ds data.Dataset) error {
	return s.write(ctx, func(tx *sql.Tx) error {
		empty, err := isEmpty(ctx, tx)
		if err != nil {
			return err
		}
		if !empty {
			return data.Errorf(data.EConflict, "err.db.not_empty", "path", s.path)
		}
		k := newKeyer()
		type rec struct {
			kind data.Kind
			meta *data.Meta
			err  error
			cols []column
		}
		var recs []rec
		for i := range ds.Comuni {
			c := &ds.Comuni[i]
			recs = append(recs, rec{data.KindComune, &c.Meta, c.Validate(), comuneCols(*c, k)})
		}
		recs = append(recs, rec{data.KindAmbito, &ds.Ambito.Meta, ds.Ambito.Validate(), ambitoCols(ds.Ambito)})
		for i := range ds.Areas {
			a := &ds.Areas[i]
			recs = append(recs, rec{data.KindArea, &a.Meta, a.Validate(), areaCols(*a)})
		}
		for i := range ds.Organisations {
			o := &ds.Organisations[i]
			recs = append(recs, rec{data.KindOrganisation, &o.Meta, o.Validate(), organisationCols(*o, k)})
		}
		for i := range ds.People {
			p := &ds.People[i]
			*p = tidyPerson(*p)
			recs = append(recs, rec{data.KindPerson, &p.Meta, p.Validate(), personCols(*p, k)})
		}
		for i := range ds.Bodies {
			b := &ds.Bodies[i]
			cols, err := bodyCols(*b)
			recs = append(recs, rec{data.KindBody, &b.Meta, firstErr(b.Validate(), err), cols})
		}
		for i := range ds.Seats {
			st := &ds.Seats[i]
			recs = append(recs, rec{data.KindSeat, &st.Meta, st.Validate(), seatCols(*st)})
		}
		for i := range ds.Memberships {
			m := &ds.Memberships[i]
			recs = append(recs, rec{data.KindMembership, &m.Meta, m.Validate(), membershipCols(*m)})
		}
		for _, r := range recs {
			if r.err != nil {
				return r.err
			}
			if err := s.save(ctx, tx, r.kind, r.meta, r.cols); err != nil {
				return err
			}
		}
		return nil
	})
}
