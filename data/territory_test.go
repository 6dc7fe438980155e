package data_test

import (
	"testing"

	"github.com/tavoli/tavoli/data"
)

func TestAmbitoValidate(t *testing.T) {
	tests := []struct {
		name string
		a    data.Ambito
		key  string
	}{
		{"valid", data.Ambito{Name: "Ambito Territoriale n.5 del Trasimeno"}, ""},
		{"no name", data.Ambito{ShortName: "Ambito n.5"}, "err.ambito.name_required"},
		{"blank name", data.Ambito{Name: " \t\n"}, "err.ambito.name_required"},
	}
	for _, tt := range tests {
		checkKey(t, "Ambito{"+tt.name+"}.Validate()", tt.a.Validate(), tt.key)
	}
}

func TestAmbitoTitle(t *testing.T) {
	tests := []struct {
		a    data.Ambito
		want string
	}{
		{data.Ambito{Name: "Ambito Territoriale n.5 del Trasimeno", ShortName: " Ambito n.5 Trasimeno "}, "Ambito n.5 Trasimeno"},
		{data.Ambito{Name: " Ambito Territoriale n.5 ", ShortName: "  "}, "Ambito Territoriale n.5"},
		{data.Ambito{}, ""},
	}
	for _, tt := range tests {
		if got := tt.a.Title(); got != tt.want {
			t.Errorf("Ambito{%q, %q}.Title() = %q, want %q", tt.a.Name, tt.a.ShortName, got, tt.want)
		}
	}
}

func TestComuneValidate(t *testing.T) {
	tests := []struct {
		name string
		c    data.Comune
		key  string
	}{
		{"valid", data.Comune{Name: "Magione", Population: 14900, ISTAT: "054026"}, ""},
		{"no population, no code", data.Comune{Name: "Paciano"}, ""},
		{"no name", data.Comune{Population: 10}, "err.comune.name_required"},
		{"blank name", data.Comune{Name: "  "}, "err.comune.name_required"},
		{"negative population", data.Comune{Name: "Magione", Population: -1}, "err.comune.population_negative"},
		{"code too short", data.Comune{Name: "Magione", ISTAT: "54026"}, "err.comune.istat_format"},
		{"code too long", data.Comune{Name: "Magione", ISTAT: "0540260"}, "err.comune.istat_format"},
		{"letter inside", data.Comune{Name: "Magione", ISTAT: "05a026"}, "err.comune.istat_format"},
		{"space inside", data.Comune{Name: "Magione", ISTAT: "054 26"}, "err.comune.istat_format"},
		{"letter at the end", data.Comune{Name: "Magione", ISTAT: "05402x"}, "err.comune.istat_format"},
		{"non-ASCII digit", data.Comune{Name: "Magione", ISTAT: "05402٦"}, "err.comune.istat_format"},
	}
	for _, tt := range tests {
		checkKey(t, "Comune{"+tt.name+"}.Validate()", tt.c.Validate(), tt.key)
	}
	err := data.Comune{Name: "Magione", ISTAT: "54026"}.Validate()
	if e := data.AsError(err); e == nil || e.Args["name"] != "Magione" || e.Args["code"] != "54026" {
		t.Errorf("Comune{ISTAT: 54026}.Validate() = %v, want args name=Magione code=54026", err)
	}
}

func TestAreaValidate(t *testing.T) {
	checkKey(t, "Area{Anziani}.Validate()", data.Area{Name: "Anziani"}.Validate(), "")
	checkKey(t, "Area{}.Validate()", data.Area{Description: "x"}.Validate(), "err.area.name_required")
	checkKey(t, "Area{blank}.Validate()", data.Area{Name: "\u00a0 "}.Validate(), "err.area.name_required")
	for _, list := range [][]string{data.DefaultAreas, data.OtherAreas} {
		for _, n := range list {
			checkKey(t, "Area{"+n+"}.Validate()", data.Area{Name: n}.Validate(), "")
		}
	}
}
