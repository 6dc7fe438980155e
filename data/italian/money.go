package italian

import (
	"strconv"
	"strings"

	"github.com/tavoli/tavoli/data"
)

// Euro writes an amount in cents as an office writes euro: "1.250,50", "38.000,00".
func Euro(cents int64) string {
	neg := cents < 0
	if neg {
		cents = -cents
	}
	s := Int(cents/100) + "," + strconv.FormatInt(100+cents%100, 10)[1:]
	if neg {
		return "-" + s
	}
	return s
}

// ParseEuro reads an amount typed the Italian way ("1.250,50", "1250,5", "38.000", "€ 12.000") into
// cents; a blank is zero. A single dot followed by one or two figures is read as a decimal point, as
// people type it on a keypad ("1250.50").
func ParseEuro(s string) (int64, error) {
	s = strings.TrimSpace(strings.NewReplacer("€", "", " ", "", "\u00a0", "").Replace(s))
	if s == "" {
		return 0, nil
	}
	whole, frac, comma := strings.Cut(s, ",")
	if !comma {
		if i := strings.LastIndex(s, "."); i >= 0 && strings.Count(s, ".") == 1 && len(s)-i-1 <= 2 && len(s)-i-1 > 0 {
			whole, frac = s[:i], s[i+1:]
		}
	}
	whole = strings.ReplaceAll(whole, ".", "")
	bad := data.Errorf(data.EInvalid, "err.euro.format", "value", s)
	if whole == "" || len(frac) > 2 || strings.ContainsAny(whole+frac, "+-") {
		return 0, bad
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e13 {
		return 0, bad
	}
	var f int64
	if frac != "" {
		if f, err = strconv.ParseInt(frac, 10, 64); err != nil {
			return 0, bad
		}
		if len(frac) == 1 {
			f *= 10
		}
	}
	return w*100 + f, nil
}

// Source names a source of a Piano's money as documents do.
func Source(s data.FundSource) string {
	switch s {
	case data.FundFNPS:
		return "FNPS"
	case data.FundRegione:
		return "Fondo regionale"
	case data.FundComuni:
		return "Comuni"
	case data.FundAltro:
		return "Altro"
	}
	return string(s)
}

// Number writes a measure with a decimal comma and no trailing zeros: "120", "7,5".
func Number(x float64) string {
	s := strconv.FormatFloat(x, 'f', -1, 64)
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	n, _ := strconv.ParseInt(strings.TrimPrefix(whole, "-"), 10, 64)
	out := Int(n)
	if neg {
		out = "-" + out
	}
	if frac != "" {
		out += "," + frac
	}
	return out
}
