import { CheckCircleOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { Alert, Badge, Card, Col, Empty, Input, List, Radio, Row, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea.js';
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  CLASSIFICATION_LABELS,
  CLASSIFICATIONS,
  DIRECTION_LABELS,
  DISCLOSURE_LABELS,
  DISCLOSURES,
  DOC_TYPE_DIRECTION,
  DOC_TYPES,
  type DocType,
  type Finding,
  type OutgoingCheckInput,
  type OutgoingDraft,
  URGENCIES,
  URGENCY_NAMES,
} from '../../../shared/outgoing.js';
import { outgoingApi } from './outgoingApi.js';

// ───────────────────────── 层次序数 outline ─────────────────────────

const CN = '[一二三四五六七八九十百]+';
/** GB/T 9704 7.3.3: 一、 （一） 1. （1）; the half-width and 、 forms are recognised too so the outline shows where they are. */
const LEVELS: { level: number; re: RegExp }[] = [
  { level: 1, re: new RegExp(`^${CN}、`) },
  { level: 2, re: new RegExp(`^[（(]${CN}[)）]`) },
  { level: 3, re: /^\d+[.．、]/ },
  { level: 4, re: /^[（(]\d+[)）]/ },
];

export interface OutlineItem {
  level: number;
  line: number;
  text: string;
  /** Offset of the line in the body (UTF-16), to select it in the editor. */
  start: number;
}

export function outlineOf(body: string): OutlineItem[] {
  const out: OutlineItem[] = [];
  let offset = 0;
  body.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    const hit = LEVELS.find((l) => l.re.test(line));
    if (hit) out.push({ level: hit.level, line: i + 1, text: line.length > 24 ? `${line.slice(0, 24)}…` : line, start: offset });
    offset += raw.length + 1;
  });
  return out;
}

// ───────────────────────── one-click fixes ─────────────────────────

const splice = (s: string, start: number, end: number, replacement: string) => s.slice(0, start) + replacement + s.slice(end);

/** The draft with a checker fix applied, or null when the fix targets a field the drafter does not type (发文字号 …). */
export function applyFix(d: OutgoingDraft, fix: NonNullable<Finding['fix']>): OutgoingDraft | null {
  const at = fix.index ?? 0;
  switch (fix.field) {
    case 'title':
      return { ...d, title: splice(d.title, fix.start, fix.end, fix.replacement) };
    case 'body':
      return { ...d, body: splice(d.body, fix.start, fix.end, fix.replacement) };
    case 'mainRecipients':
    case 'copyTo': {
      const list = [...d[fix.field]];
      if (list[at] === undefined) return null;
      list[at] = splice(list[at] ?? '', fix.start, fix.end, fix.replacement);
      return { ...d, [fix.field]: list };
    }
    case 'attachments': {
      const list = d.attachments.map((a) => ({ ...a }));
      const item = list[at];
      if (!item) return null;
      item.title = splice(item.title, fix.start, fix.end, fix.replacement);
      return { ...d, attachments: list };
    }
    case 'docType':
    case 'docNumber':
    case 'signDate':
    case 'issuer':
    case 'contact':
    case 'procedure':
    case 'classification':
      return null;
  }
}

const FIELD_LABELS: Record<string, string> = {
  docType: '文种',
  title: '标题',
  mainRecipients: '主送',
  copyTo: '抄送',
  body: '正文',
  attachments: '附件',
  docNumber: '发文字号',
  signDate: '成文日期',
  issuer: '签发人',
  contact: '联系人',
  procedure: '程序',
  classification: '密级',
};

/** Findings as the drafter types: the check runs 400 ms after the last keystroke; an older answer never overwrites a newer one. */
export function useFindings(input: OutgoingCheckInput | null): { findings: Finding[]; checking: boolean; error: string | null } {
  const [state, setState] = useState<{ findings: Finding[]; checking: boolean; error: string | null }>({ findings: [], checking: false, error: null });
  const key = input ? JSON.stringify(input) : '';
  useEffect(() => {
    if (!input) return;
    const ctl = new AbortController();
    setState((s) => ({ ...s, checking: true }));
    const timer = setTimeout(() => {
      outgoingApi
        .check(input, ctl.signal)
        .then((r) => setState({ findings: r.findings, checking: false, error: null }))
        .catch((err: unknown) => {
          if (err instanceof DOMException && err.name === 'AbortError') return;
          setState((s) => ({ ...s, checking: false, error: err instanceof Error ? err.message : '检查失败' }));
        });
    }, 400);
    return () => {
      clearTimeout(timer);
      ctl.abort();
    };
    // The serialized input is the dependency: a new object with the same content does not re-check.
  }, [key]);
  return state;
}

export function FindingsPanel({
  draft,
  findings,
  checking,
  error,
  onFix,
  onLocate,
  readOnly,
}: {
  draft: OutgoingDraft;
  findings: Finding[];
  checking: boolean;
  error: string | null;
  onFix(next: OutgoingDraft): void;
  onLocate(f: Finding): void;
  readOnly?: boolean;
}) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  return (
    <Card
      size="small"
      data-testid="findings-panel"
      title={
        <Space>
          自动检查
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            形式关·文字关·程序关
          </Typography.Text>
        </Space>
      }
      extra={
        checking ? (
          <Typography.Text type="secondary">检查中…</Typography.Text>
        ) : (
          <Badge count={findings.length} color={errors > 0 ? 'red' : 'orange'} showZero={false} />
        )
      }
    >
      {error && <Alert type="warning" showIcon title={error} />}
      {findings.length === 0 && !checking ? (
        <Empty image={<CheckCircleOutlined style={{ fontSize: 32, color: '#52c41a' }} />} description="未发现问题" data-testid="findings-clean" />
      ) : (
        <List
          size="small"
          dataSource={findings}
          renderItem={(f, i) => {
            const fixed = f.fix ? applyFix(draft, f.fix) : null;
            return (
              <List.Item
                key={`${f.rule}-${i}`}
                data-testid={`finding-${f.rule}`}
                style={{ cursor: f.range ? 'pointer' : 'default', alignItems: 'flex-start' }}
                onClick={() => onLocate(f)}
                actions={
                  fixed && !readOnly
                    ? [
                        <Tooltip key="fix" title={`改为“${f.fix?.replacement === '' ? '（删除）' : f.fix?.replacement}”`}>
                          <a
                            data-testid="fix-button"
                            onClick={(e) => {
                              e.stopPropagation();
                              onFix(fixed);
                            }}
                          >
                            <ThunderboltOutlined /> 一键修正
                          </a>
                        </Tooltip>,
                      ]
                    : []
                }
              >
                <List.Item.Meta
                  title={
                    <Space size={4} wrap>
                      <Tag color={f.severity === 'error' ? 'red' : 'orange'}>{f.severity === 'error' ? '错误' : '提示'}</Tag>
                      <Tag>{f.rule}</Tag>
                      <Typography.Text type="secondary">
                        {FIELD_LABELS[f.field] ?? f.field}
                        {f.index !== undefined ? ` 第 ${f.index + 1} 项` : ''}
                      </Typography.Text>
                    </Space>
                  }
                  description={
                    <>
                      <div>{f.message}</div>
                      {f.suggestion && <Typography.Text type="secondary">建议：{f.suggestion}</Typography.Text>}
                    </>
                  }
                />
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}

// ───────────────────────── the editor ─────────────────────────

export interface DivisionOption {
  id: string;
  name: string;
}

const tags = (v: string[]) => v.map((x) => x.trim()).filter((x) => x !== '');

/**
 * The draft form: plain inputs and a textarea (any browser, no plug-in),
 * the 层次序数 outline beside the body, and the checker's findings as the
 * drafter types, each with a one-click fix where the fix is certain.
 */
export function DraftEditor({
  value,
  onChange,
  divisions,
  readOnly,
  cosignLocked,
  extraCheck,
}: {
  value: OutgoingDraft;
  onChange(next: OutgoingDraft): void;
  divisions: DivisionOption[];
  readOnly?: boolean;
  cosignLocked?: boolean;
  /** Printed elements the system already filled (发文字号, 成文日期, 签发人), checked too. */
  extraCheck?: Partial<OutgoingCheckInput>;
}) {
  const bodyRef = useRef<TextAreaRef>(null);
  const titleRef = useRef<HTMLInputElement | null>(null);
  const input = useMemo<OutgoingCheckInput>(() => ({ ...value, ...(extraCheck ?? {}) }), [value, extraCheck]);
  const { findings, checking, error } = useFindings(input);
  const outline = useMemo(() => outlineOf(value.body), [value.body]);
  const set = <K extends keyof OutgoingDraft>(k: K, v: OutgoingDraft[K]) => onChange({ ...value, [k]: v });
  const direction = DOC_TYPE_DIRECTION[value.docType];

  function select(start: number, end: number) {
    const el = bodyRef.current?.resizableTextArea?.textArea;
    if (!el) return;
    el.focus();
    el.setSelectionRange(start, end);
    // Scroll the selection into view: the line's share of the text's height.
    const before = value.body.slice(0, start).split('\n').length - 1;
    const lines = Math.max(1, value.body.split('\n').length);
    el.scrollTop = Math.max(0, (el.scrollHeight * before) / lines - el.clientHeight / 3);
  }
  function locate(f: Finding) {
    if (f.field === 'body' && f.range) select(f.range.start, f.range.end);
    else if (f.field === 'title' && f.range && titleRef.current) {
      titleRef.current.focus();
      titleRef.current.setSelectionRange(f.range.start, f.range.end);
    }
  }

  return (
    <Row gutter={16}>
      <Col xs={24} xl={16}>
        <Card size="small" data-testid="draft-editor">
          <Space direction="vertical" style={{ width: '100%' }} size="middle">
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <label className="zs-field-label">文种</label>
                <Select<DocType>
                  style={{ width: '100%' }}
                  value={value.docType}
                  disabled={readOnly}
                  onChange={(v) => set('docType', v)}
                  options={DOC_TYPES.map((t) => ({ value: t, label: `${t}（${DIRECTION_LABELS[DOC_TYPE_DIRECTION[t]]}）` }))}
                  data-testid="draft-doctype"
                />
              </Col>
              <Col xs={24} md={16}>
                <label className="zs-field-label">行文方向</label>
                <div>
                  <Tag color={direction === 'up' ? 'volcano' : direction === 'parallel' ? 'blue' : 'green'}>{DIRECTION_LABELS[direction]}</Tag>
                  {direction === 'up' && <Typography.Text type="secondary">上行文由主要负责人签发，版头标注签发人</Typography.Text>}
                </div>
              </Col>
            </Row>
            <div>
              <label className="zs-field-label">标题</label>
              <Input
                ref={(r) => {
                  titleRef.current = r?.input ?? null;
                }}
                value={value.title}
                maxLength={200}
                disabled={readOnly}
                onChange={(e) => set('title', e.target.value)}
                placeholder="发文机关+事由+文种，如：财政部某某监管局关于××的通知"
                data-testid="draft-title"
              />
            </div>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <label className="zs-field-label">主送机关</label>
                <Select
                  mode="tags"
                  style={{ width: '100%' }}
                  value={value.mainRecipients}
                  disabled={readOnly}
                  tokenSeparators={['、', '，']}
                  onChange={(v: string[]) => set('mainRecipients', tags(v))}
                  open={false}
                  placeholder="输入后回车；多个用顿号分隔"
                  data-testid="draft-main"
                />
              </Col>
              <Col xs={24} md={12}>
                <label className="zs-field-label">抄送机关</label>
                <Select
                  mode="tags"
                  style={{ width: '100%' }}
                  value={value.copyTo}
                  disabled={readOnly}
                  tokenSeparators={['、', '，']}
                  onChange={(v: string[]) => set('copyTo', tags(v))}
                  open={false}
                  placeholder="可不填"
                />
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} lg={17}>
                <label className="zs-field-label">正文（每段一行；层次序数写在行首：一、（一）1.（1））</label>
                <Input.TextArea
                  ref={bodyRef}
                  value={value.body}
                  disabled={readOnly}
                  onChange={(e) => set('body', e.target.value)}
                  autoSize={{ minRows: 14, maxRows: 28 }}
                  style={{ fontFamily: '"FangSong", "仿宋", "仿宋_GB2312", "STFangsong", serif', fontSize: 16, lineHeight: 1.8 }}
                  data-testid="draft-body"
                />
              </Col>
              <Col xs={24} lg={7}>
                <label className="zs-field-label">层次结构</label>
                <div
                  className="zs-outline"
                  data-testid="draft-outline"
                  style={{ border: '1px solid #f0f0f0', borderRadius: 6, padding: 8, maxHeight: 520, overflow: 'auto', background: '#fafafa' }}
                >
                  {outline.length === 0 ? (
                    <Typography.Text type="secondary">正文中还没有层次序数</Typography.Text>
                  ) : (
                    outline.map((o) => (
                      <div
                        key={`${o.line}`}
                        onClick={() => select(o.start, o.start + (value.body.split('\n')[o.line - 1]?.length ?? 0))}
                        style={{
                          paddingLeft: (o.level - 1) * 14,
                          cursor: 'pointer',
                          fontWeight: o.level === 1 ? 600 : 400,
                          fontSize: 13,
                          lineHeight: '22px',
                          whiteSpace: 'nowrap',
                          overflow: 'hidden',
                          textOverflow: 'ellipsis',
                        }}
                        title={`第 ${o.line} 行`}
                      >
                        {o.text}
                      </div>
                    ))
                  )}
                </div>
              </Col>
            </Row>
            <div>
              <label className="zs-field-label">附件（名称，按顺序）</label>
              <Select
                mode="tags"
                style={{ width: '100%' }}
                open={false}
                disabled={readOnly}
                value={value.attachments.map((a) => a.title)}
                onChange={(v: string[]) =>
                  set(
                    'attachments',
                    tags(v).map((title) => ({ title })),
                  )
                }
                placeholder="可不填；附件名称后不加标点"
              />
            </div>
            <Row gutter={12}>
              <Col xs={24} md={8}>
                <label className="zs-field-label">密级</label>
                <div>
                  <Radio.Group
                    disabled={readOnly}
                    value={value.classification}
                    onChange={(e) => set('classification', e.target.value as OutgoingDraft['classification'])}
                    options={CLASSIFICATIONS.map((c) => ({ value: c, label: CLASSIFICATION_LABELS[c] }))}
                  />
                </div>
              </Col>
              <Col xs={24} md={8}>
                <label className="zs-field-label">紧急程度</label>
                <div>
                  <Radio.Group
                    disabled={readOnly}
                    value={value.urgency}
                    onChange={(e) => set('urgency', e.target.value as OutgoingDraft['urgency'])}
                    options={URGENCIES.map((c) => ({ value: c, label: URGENCY_NAMES[c] }))}
                  />
                </div>
              </Col>
              <Col xs={24} md={8}>
                <label className="zs-field-label">公开属性</label>
                <Select
                  style={{ width: '100%' }}
                  disabled={readOnly}
                  value={value.disclosure}
                  onChange={(v) => set('disclosure', v)}
                  options={DISCLOSURES.map((c) => ({ value: c, label: DISCLOSURE_LABELS[c] }))}
                />
              </Col>
            </Row>
            <Row gutter={12}>
              <Col xs={24} md={12}>
                <label className="zs-field-label">会签处室</label>
                <Select
                  mode="multiple"
                  style={{ width: '100%' }}
                  disabled={readOnly || cosignLocked}
                  value={value.cosignDivisionIds}
                  onChange={(v: string[]) => set('cosignDivisionIds', v)}
                  options={divisions.map((d) => ({ value: d.id, label: d.name }))}
                  placeholder="涉及其他处室职责时选择（并行会签）"
                  data-testid="draft-cosign"
                />
              </Col>
              <Col xs={24} md={12}>
                <label className="zs-field-label">联系人及电话{value.docType === '请示' ? '（请示必填）' : ''}</label>
                <Space.Compact style={{ width: '100%' }}>
                  <Input
                    disabled={readOnly}
                    placeholder="姓名"
                    maxLength={20}
                    value={value.contact?.name ?? ''}
                    onChange={(e) => onChange(withContact(value, e.target.value, value.contact?.phone ?? ''))}
                  />
                  <Input
                    disabled={readOnly}
                    placeholder="电话"
                    maxLength={40}
                    value={value.contact?.phone ?? ''}
                    onChange={(e) => onChange(withContact(value, value.contact?.name ?? '', e.target.value))}
                  />
                </Space.Compact>
              </Col>
            </Row>
          </Space>
        </Card>
      </Col>
      <Col xs={24} xl={8}>
        <div style={{ position: 'sticky', top: 72 }}>
          <FindingsPanel draft={value} findings={findings} checking={checking} error={error} onFix={onChange} onLocate={locate} readOnly={readOnly} />
        </div>
      </Col>
    </Row>
  );
}

/** Both parts empty means no contact at all (the field is optional except for 请示). */
function withContact(d: OutgoingDraft, name: string, phone: string): OutgoingDraft {
  const { contact: _drop, ...rest } = d;
  return name === '' && phone === '' ? rest : { ...rest, contact: { name, phone } };
}
