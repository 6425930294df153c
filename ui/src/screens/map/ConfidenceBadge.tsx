import { Badge, Tooltip } from "@mantine/core";

/** The matcher's confidence in words and colour, with the exact figure on hover/focus. */
export function ConfidenceBadge({ confidence, chosen }: { confidence: number; chosen: boolean }) {
  if (chosen) {
    return (
      <Badge variant="light" color="indigo">
        your choice
      </Badge>
    );
  }
  const percent = Math.round(confidence * 100);
  const [word, color] =
    confidence >= 0.8 ? ["high", "green"] : confidence >= 0.5 ? ["medium", "yellow"] : confidence > 0 ? ["low", "red"] : ["none", "gray"];
  return (
    <Tooltip label={`${percent}% confident`}>
      <Badge variant="light" color={color} tabIndex={0} aria-label={`Confidence ${word}, ${percent}%`}>
        {word} {percent}%
      </Badge>
    </Tooltip>
  );
}
