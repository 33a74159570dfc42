/** A JSON value with its source offsets (start inclusive, end exclusive), as the Go-style scanner reads it. */
export type JsonNode =
  | { kind: 'object'; start: number; end: number; members: JsonMember[] }
  | { kind: 'array'; start: number; end: number; items: JsonNode[] }
  | { kind: 'string'; start: number; end: number; value: string }
  | { kind: 'number'; start: number; end: number; raw: string }
  | { kind: 'bool'; start: number; end: number; value: boolean }
  | { kind: 'null'; start: number; end: number }

export interface JsonMember {
  key: string
  keyStart: number
  value: JsonNode
}
