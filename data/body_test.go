package data_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestBodyKindValid(t *testing.T) {
	for _, k := range data.BodyKinds {
		if !k.Valid() {
			t.Errorf("BodyKind(%q).Valid() = false, want true", k)
		}
	}
	for _, k := range []data.BodyKind{"", "Sindaci", "tavolo"} {
		if k.Valid() {
			t.Errorf("BodyKind(%q).Valid() = true, want false", k)
		}
	}
}

func TestBodyValidate(t *testing.T) {
	badRules := data.DefaultRules(data.BodyTavoloAlto)
	badRules.Proxies = 0
	tests := []struct {
		name string
		b    data.Body
		key  string
	}{
		{"sindaci", data.Body{Name: "Tavolo dei Sindaci", Kind: data.BodySindaci, Rules: data.DefaultRules(data.BodySindaci)}, ""},
		{"tematico with area", data.Body{Name: "Tavolo Anziani", Kind: data.BodyTavoloTematico, AreaID: "a1",
			Rules: data.DefaultRules(data.BodyTavoloTematico)}, ""},
		{"no name", data.Body{Kind: data.BodySindaci, Rules: data.DefaultRules(data.BodySindaci)}, "err.body.name_required"},
		{"blank name", data.Body{Name: "   ", Kind: data.BodySindaci, Rules: data.DefaultRules(data.BodySindaci)}, "err.body.name_required"},
		{"no kind", data.Body{Name: "Tavolo", Rules: data.DefaultRules(data.BodySindaci)}, "err.body.kind"},
		{"unknown kind", data.Body{Name: "Tavolo", Kind: "consiglio", Rules: data.DefaultRules(data.BodySindaci)}, "err.body.kind"},
		{"tematico without area", data.Body{Name: "Tavolo Anziani", Kind: data.BodyTavoloTematico,
			Rules: data.DefaultRules(data.BodyTavoloTematico)}, "err.body.area_required"},
		{"zero rules", data.Body{Name: "Tavolo Alto", Kind: data.BodyTavoloAlto}, "err.rules.quorum"},
		{"bad rules", data.Body{Name: "Tavolo Alto", Kind: data.BodyTavoloAlto, Rules: badRules}, "err.rules.proxies"},
	}
	for _, tt := range tests {
		checkKey(t, "Body{"+tt.name+"}.Validate()", tt.b.Validate(), tt.key)
	}
}

func TestSeatValidate(t *testing.T) {
	tests := []struct {
		name string
		s    data.Seat
		key  string
	}{
		{"comune", data.Seat{BodyID: "b", ComuneID: "c"}, ""},
		{"organisation", data.Seat{BodyID: "b", OrganisationID: "o"}, ""},
		{"person", data.Seat{BodyID: "b", PersonID: "p"}, ""},
		{"label only", data.Seat{BodyID: "b", Label: "Rappresentante del Terzo settore"}, ""},
		{"label and holder", data.Seat{BodyID: "b", Label: "ASL", OrganisationID: "o"}, ""},
		{"no body", data.Seat{ComuneID: "c"}, "err.seat.body_required"},
		{"comune and organisation", data.Seat{BodyID: "b", ComuneID: "c", OrganisationID: "o"}, "err.seat.one_holder"},
		{"comune and person", data.Seat{BodyID: "b", ComuneID: "c", PersonID: "p"}, "err.seat.one_holder"},
		{"organisation and person", data.Seat{BodyID: "b", OrganisationID: "o", PersonID: "p"}, "err.seat.one_holder"},
		{"all three", data.Seat{BodyID: "b", ComuneID: "c", OrganisationID: "o", PersonID: "p", Label: "x"}, "err.seat.one_holder"},
		{"nothing", data.Seat{BodyID: "b"}, "err.seat.label_required"},
		{"blank label", data.Seat{BodyID: "b", Label: "  "}, "err.seat.label_required"},
	}
	for _, tt := range tests {
		checkKey(t, "Seat{"+tt.name+"}.Validate()", tt.s.Validate(), tt.key)
	}
}

func TestRoleValid(t *testing.T) {
	for _, r := range data.Roles {
		if !r.Valid() {
			t.Errorf("Role(%q).Valid() = false, want true", r)
		}
	}
	for _, r := range []data.Role{"", "Presidente", "ospite"} {
		if r.Valid() {
			t.Errorf("Role(%q).Valid() = true, want false", r)
		}
	}
}

func TestMembershipValidate(t *testing.T) {
	tests := []struct {
		name string
		m    data.Membership
		key  string
	}{
		{"member", data.Membership{BodyID: "b", PersonID: "p", Role: data.RoleMembro}, ""},
		{"member with seat", data.Membership{BodyID: "b", PersonID: "p", Role: data.RolePresidente, SeatID: "s"}, ""},
		{"delegate with seat", data.Membership{BodyID: "b", PersonID: "p", Role: data.RoleDelegato, SeatID: "s"}, ""},
		{"no body", data.Membership{PersonID: "p", Role: data.RoleMembro}, "err.membership.body_required"},
		{"no person", data.Membership{BodyID: "b", Role: data.RoleMembro}, "err.membership.person_required"},
		{"no role", data.Membership{BodyID: "b", PersonID: "p"}, "err.membership.role"},
		{"unknown role", data.Membership{BodyID: "b", PersonID: "p", Role: "ospite"}, "err.membership.role"},
		{"delegate without seat", data.Membership{BodyID: "b", PersonID: "p", Role: data.RoleDelegato}, "err.membership.delegate_seat"},
	}
	for _, tt := range tests {
		checkKey(t, "Membership{"+tt.name+"}.Validate()", tt.m.Validate(), tt.key)
	}
}
