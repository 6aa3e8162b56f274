//===- Palette.h - Colours and marks shared by the diagrams -----*- C++ -*-===//
//
// The Okabe-Ito palette, which stays distinguishable for the common forms of
// colour blindness. Diagrams never rely on colour alone: findings also get a
// thicker line and a mark in the label, and rights differ in line style.
//
//===----------------------------------------------------------------------===//
#ifndef REMIT_EMIT_PALETTE_H
#define REMIT_EMIT_PALETTE_H

namespace remit::emit::palette {

constexpr const char *Black = "#000000";
constexpr const char *Orange = "#E69F00";
constexpr const char *SkyBlue = "#56B4E9";
constexpr const char *BluishGreen = "#009E73";
constexpr const char *Yellow = "#F0E442";
constexpr const char *Blue = "#0072B2";
constexpr const char *Vermillion = "#D55E00";
constexpr const char *ReddishPurple = "#CC79A7";
constexpr const char *Grey = "#767676";

/// Light fills (the palette's colours at low saturation) for node kinds.
constexpr const char *FillRole = "#E8F4FB";     // sky blue tint
constexpr const char *FillForum = "#E5F3EE";    // bluish green tint
constexpr const char *FillAgent = "#F8EBF3";    // reddish purple tint
constexpr const char *FillDecision = "#FDF3DC"; // orange tint
constexpr const char *FillUnit = "#F5F5F5";
constexpr const char *FillCluster = "#FAFAFA";
constexpr const char *FillRetired = "#FFFFFF";

/// Prefixed to the label of every element with a finding.
constexpr const char *FindingMark = "\xE2\x9A\xA0"; // U+26A0 WARNING SIGN

} // namespace remit::emit::palette

#endif
