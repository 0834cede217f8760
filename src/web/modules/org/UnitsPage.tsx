import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Descriptions, Empty, Form, Input, InputNumber, Modal, Row, Select, Skeleton, Tree, TreeSelect, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useMemo, useState } from 'react';
import { UNIT_KIND_LABELS, type CreateUnitBody, type UnitKind, type UnitNode } from '../../../shared/org.js';
import { api } from '../../app/api.js';
import { errorMessage } from '../../app/errors.js';
import { PageContainer } from '../../app/layout/PageContainer.js';
import { ADMIN_UNITS_KEY, flattenUnits, UNIT_TREE_KEY, unitOptions, useUnitTree } from './orgQueries.js';

const KIND_OPTIONS = (Object.keys(UNIT_KIND_LABELS) as UnitKind[]).map((k) => ({ value: k, label: UNIT_KIND_LABELS[k] }));

function toTreeData(nodes: readonly UnitNode[]): TreeDataNode[] {
  return nodes.map((n) => ({
    key: n.id,
    title: (
      <span>
        {n.name}
        <Typography.Text type="secondary" style={{ fontSize: 12, marginLeft: 6 }}>
          {UNIT_KIND_LABELS[n.kind]}
        </Typography.Text>
      </span>
    ),
    children: toTreeData(n.children),
  }));
}

interface CreateValues {
  name: string;
  kind: UnitKind;
  parentId?: string;
  sort?: number;
}

function CreateUnitModal({ open, parentId, onClose }: { open: boolean; parentId: string | null; onClose: () => void }) {
  const [form] = Form.useForm<CreateValues>();
  const tree = useUnitTree();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [error, setError] = useState<string | null>(null);
  const create = useMutation({
    mutationFn: (body: CreateUnitBody) => api.admin.createUnit(body),
    meta: { silent: true },
    onSuccess: async (u) => {
      message.success(`已新建单位「${u.name}」`);
      await Promise.all([qc.invalidateQueries({ queryKey: UNIT_TREE_KEY }), qc.invalidateQueries({ queryKey: ADMIN_UNITS_KEY })]);
      onClose();
    },
    onError: (err) => setError(errorMessage(err)),
  });
  return (
    <Modal
      title="新建单位"
      open={open}
      onCancel={onClose}
      okText="创建"
      cancelText="取消"
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      destroyOnHidden
      afterOpenChange={(o) => o || setError(null)}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" />}
      <Form<CreateValues>
        form={form}
        layout="vertical"
        name="create-unit"
        preserve={false}
        initialValues={{ kind: 'division', parentId: parentId ?? undefined }}
        onFinish={(v) => {
          setError(null);
          create.mutate({
            name: v.name.trim(),
            kind: v.kind,
            parentId: v.parentId ?? null,
            ...(v.sort === undefined || v.sort === null ? {} : { sort: v.sort }),
          });
        }}
      >
        <Form.Item label="单位名称" name="name" htmlFor="nu-name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
          <Input id="nu-name" maxLength={50} placeholder="如：监管三处" />
        </Form.Item>
        <Form.Item label="单位类型" name="kind" htmlFor="nu-kind" rules={[{ required: true, message: '请选择单位类型' }]}>
          <Select id="nu-kind" options={KIND_OPTIONS} />
        </Form.Item>
        <Form.Item label="上级单位" name="parentId" htmlFor="nu-parent" extra="不选则为顶级单位">
          <TreeSelect id="nu-parent" allowClear treeDefaultExpandAll treeData={unitOptions(tree.data ?? [])} placeholder="请选择上级单位" />
        </Form.Item>
        <Form.Item label="排序号" name="sort" htmlFor="nu-sort" extra="数字小的排在前面">
          <InputNumber id="nu-sort" min={0} max={100000} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface EditValues {
  name: string;
  parentId: string | null;
  sort: number;
}

function UnitDetail({ unitId, treeNodes }: { unitId: string; treeNodes: readonly UnitNode[] }) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const units = useQuery({ queryKey: ADMIN_UNITS_KEY, queryFn: api.admin.units, meta: { silent: true }, retry: false });
  const unit = units.data?.items.find((u) => u.id === unitId);
  const flat = useMemo(() => flattenUnits(treeNodes), [treeNodes]);
  const fromTree = flat.find((f) => f.node.id === unitId);
  const parentName = (id: string | null) => (id ? (flat.find((f) => f.node.id === id)?.node.name ?? '—') : '（顶级单位）');
  const save = useMutation({
    mutationFn: (v: EditValues) =>
      api.admin.updateUnit(unitId, { name: v.name.trim(), parentId: v.parentId ?? null, sort: v.sort, version: unit?.version ?? 0 }),
    onSuccess: async (u) => {
      message.success(`单位「${u.name}」已保存`);
      await Promise.all([qc.invalidateQueries({ queryKey: UNIT_TREE_KEY }), qc.invalidateQueries({ queryKey: ADMIN_UNITS_KEY })]);
    },
  });
  if (!fromTree) return <Empty description="请在左侧选择一个单位" />;
  const node = fromTree.node;
  return (
    <>
      <Descriptions
        column={1}
        size="small"
        bordered
        style={{ marginBottom: 20, maxWidth: 640 }}
        styles={{ label: { width: 120 } }}
        items={[
          { key: 'name', label: '单位名称', children: node.name },
          { key: 'kind', label: '单位类型', children: UNIT_KIND_LABELS[node.kind] },
          { key: 'parent', label: '上级单位', children: parentName(fromTree.parentId) },
          { key: 'children', label: '下级单位', children: node.children.length ? node.children.map((c) => c.name).join('、') : '无' },
        ]}
      />
      {units.isPending ? (
        <Skeleton active />
      ) : !unit ? (
        <Alert type="info" showIcon title="暂时无法读取该单位的版本信息，修改功能不可用。新建下级单位不受影响。" />
      ) : (
        <Form<EditValues>
          key={`${unit.id}:${unit.version}`}
          layout="vertical"
          name="edit-unit"
          initialValues={{ name: unit.name, parentId: unit.parentId, sort: unit.sort }}
          onFinish={(v) => save.mutate(v)}
          style={{ maxWidth: 420 }}
        >
          <Form.Item label="单位名称" name="name" htmlFor="eu-unit-name" rules={[{ required: true, whitespace: true, message: '请输入单位名称' }]}>
            <Input id="eu-unit-name" maxLength={50} />
          </Form.Item>
          <Form.Item label="上级单位" name="parentId" htmlFor="eu-unit-parent" extra="清空则移为顶级单位">
            <TreeSelect id="eu-unit-parent" allowClear treeDefaultExpandAll treeData={unitOptions(treeNodes, unit.id)} placeholder="（顶级单位）" />
          </Form.Item>
          <Form.Item label="排序号" name="sort" htmlFor="eu-unit-sort" rules={[{ required: true, message: '请输入排序号' }]}>
            <InputNumber id="eu-unit-sort" min={0} max={100000} style={{ width: '100%' }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            保存修改
          </Button>
        </Form>
      )}
    </>
  );
}

export default function UnitsPage() {
  const tree = useUnitTree();
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const treeData = useMemo(() => toTreeData(tree.data ?? []), [tree.data]);
  const allKeys = useMemo(() => flattenUnits(tree.data ?? []).map((f) => f.node.id), [tree.data]);

  return (
    <PageContainer
      title="组织机构"
      description="维护局领导、办公室和各处室的单位树。账号归属于单位；处室负责人和工作人员的办理范围以此为准。"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {selected ? '新建下级单位' : '新建单位'}
        </Button>
      }
    >
      <Row gutter={[16, 16]}>
        <Col xs={24} md={10} lg={8}>
          <Card
            title={
              <span>
                <ApartmentOutlined /> 单位树
              </span>
            }
            styles={{ body: { minHeight: 320 } }}
          >
            {tree.isPending ? (
              <Skeleton active />
            ) : treeData.length ? (
              <Tree
                treeData={treeData}
                expandedKeys={allKeys}
                selectedKeys={selected ? [selected] : []}
                onSelect={(keys) => setSelected(keys.length ? String(keys[0]) : null)}
                blockNode
                aria-label="单位树"
                data-testid="unit-tree"
              />
            ) : (
              <Empty description="还没有单位，请先新建" />
            )}
          </Card>
        </Col>
        <Col xs={24} md={14} lg={16}>
          <Card title="单位信息">{selected ? <UnitDetail unitId={selected} treeNodes={tree.data ?? []} /> : <Empty description="请在左侧选择一个单位" />}</Card>
        </Col>
      </Row>
      <CreateUnitModal open={creating} parentId={selected} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
