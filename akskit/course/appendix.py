"""Appendix A1 (run it for real): the commands that build and inspect a small cluster of each main model.

Nothing here runs anything: every function returns text, the ``az`` and ``kubectl``
commands a learner with an Azure subscription can paste into a shell. The ``az aks create``
flags come from :func:`akskit.engine.azcli.az_commands` for a planned spec (checked: a design
with error findings raises); the rest (a resource group, a VNet with a node subnet and a
subnet for a probe VM, the inspection commands, the clean-up) is fixed text around it, with
names that follow Azure's naming rules
(https://learn.microsoft.com/en-us/azure/azure-resource-manager/management/resource-name-rules).

>>> lab = small_cluster("kubenet")
>>> lab.resource_group, lab.cluster
('akskit-lab-kubenet-rg', 'akskit-lab-kubenet')
>>> create_script("kubenet").splitlines()[0]
'az group create --name akskit-lab-kubenet-rg --location swedencentral'
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass

from akskit.course.traffic import source_ip
from akskit.engine import azcli, facts
from akskit.engine.model_names import parse_model
from akskit.engine.models import NetworkModel, traits
from akskit.engine.plans import plan
from akskit.engine.spec import ClusterSpec, cluster, pool

__all__ = [
    "LAB_MODELS",
    "SmallCluster",
    "cleanup_command",
    "create_commands",
    "create_script",
    "inspect_commands",
    "small_cluster",
    "what_to_expect",
]

#: The three main models the appendix builds, one small cluster each.
LAB_MODELS = (NetworkModel.KUBENET, NetworkModel.AZURE_CNI, NetworkModel.OVERLAY)
#: A region near most learners with every model available; change it with ``location=``.
DEFAULT_LOCATION = "swedencentral"
VNET_CIDR, NODE_SUBNET, VM_SUBNET = "10.224.0.0/16", "10.224.0.0/24", "10.224.1.0/24"
NODES, MAX_PODS = 2, 30
#: The smallest general-purpose size that runs AKS system pods (2 vCPU, 4 GiB); the probe VM is smaller.
NODE_VM_SIZE, PROBE_VM_SIZE = "Standard_B2s", "Standard_B1s"
PROBE_PORT = 8080


@dataclass(frozen=True, slots=True)
class SmallCluster:
    """One lab cluster: its planned spec and the names of everything it creates."""

    model: NetworkModel
    spec: ClusterSpec
    resource_group: str
    cluster: str
    vnet: str = "akskit-lab-vnet"
    node_subnet: str = "nodes"
    vm_subnet: str = "vms"
    probe_vm: str = "akskit-probe"


def small_cluster(model: str | NetworkModel) -> SmallCluster:
    """The lab cluster of ``model``: one pool of two nodes (max pods 30, surge 1) in a /24 node subnet."""
    m = parse_model(model)
    if m not in LAB_MODELS:
        raise ValueError(f"the appendix builds {', '.join(x.value for x in LAB_MODELS)} (got {m.value!r})")
    spec = cluster(m, [pool("system", NODES, max_pods=MAX_PODS, max_surge=1)], node_subnet=NODE_SUBNET, vnet=VNET_CIDR)
    name = f"akskit-lab-{m.value}"
    return SmallCluster(m, spec, resource_group=f"{name}-rg", cluster=name)


def _fill(command: str, lab: SmallCluster) -> str:
    """akskit's placeholders replaced by the lab's names (the subnet ID by a shell variable set before)."""
    return (
        command.replace(azcli.RESOURCE_GROUP, lab.resource_group)
        .replace(azcli.CLUSTER, lab.cluster)
        .replace(azcli.NODE_SUBNET_ID, '"$SUBNET_ID"')
    )


def create_commands(model: str | NetworkModel, *, location: str = DEFAULT_LOCATION) -> list[str]:
    """Every command that builds the lab cluster of ``model``, in order, one per line."""
    lab = small_cluster(model)
    rg, q = lab.resource_group, shlex.quote
    network = [
        f"az group create --name {rg} --location {q(location)}",
        f"az network vnet create --resource-group {rg} --name {lab.vnet} --address-prefixes {VNET_CIDR} "
        f"--subnet-name {lab.node_subnet} --subnet-prefixes {NODE_SUBNET}",
        f"az network vnet subnet create --resource-group {rg} --vnet-name {lab.vnet} --name {lab.vm_subnet} "
        f"--address-prefixes {VM_SUBNET}",
        f"SUBNET_ID=$(az network vnet subnet show --resource-group {rg} --vnet-name {lab.vnet} "
        f"--name {lab.node_subnet} --query id --output tsv)",
    ]
    aks = [_fill(c, lab) for c in azcli.az_commands(lab.spec)]
    aks[0] += f" --node-vm-size {NODE_VM_SIZE} --generate-ssh-keys"
    return [*network, *aks]


def create_script(model: str | NetworkModel, *, location: str = DEFAULT_LOCATION) -> str:
    """:func:`create_commands` as a script to paste, one command per paragraph."""
    return "\n\n".join(create_commands(model, location=location))


def inspect_commands(model: str | NetworkModel) -> list[str]:
    """What to look at once the cluster runs: addresses, kubenet's routes, the source address a VM sees."""
    lab = small_cluster(model)
    rg = lab.resource_group
    looks = [
        f"az aks get-credentials --resource-group {rg} --name {lab.cluster} --overwrite-existing",
        "kubectl get nodes,pods --all-namespaces --output wide",
    ]
    if lab.model is NetworkModel.KUBENET:
        looks += [
            f"NODE_RG=$(az aks show --resource-group {rg} --name {lab.cluster} --query nodeResourceGroup --output tsv)",
            'ROUTE_TABLE=$(az network route-table list --resource-group "$NODE_RG" --query "[0].name" --output tsv)',
            'az network route-table route list --resource-group "$NODE_RG" --route-table-name "$ROUTE_TABLE" '
            "--output table",
        ]
    run = f"az vm run-command invoke --resource-group {rg} --name {lab.probe_vm} --command-id RunShellScript"
    looks += [
        f"az vm create --resource-group {rg} --name {lab.probe_vm} --image Ubuntu2204 --size {PROBE_VM_SIZE} "
        f'--vnet-name {lab.vnet} --subnet {lab.vm_subnet} --public-ip-address "" --generate-ssh-keys',
        f"VM_IP=$(az vm show --show-details --resource-group {rg} --name {lab.probe_vm} --query privateIps "
        "--output tsv)",
        f"{run} --scripts 'systemd-run --unit=probe python3 -m http.server {PROBE_PORT}'",
        f'kubectl run probe --image=busybox --restart=Never --rm -i -- wget -qO- "http://$VM_IP:{PROBE_PORT}/"',
        f"{run} --scripts 'journalctl --unit=probe --no-pager'",
    ]
    return looks


def what_to_expect(model: str | NetworkModel) -> str:
    """One paragraph: where pod addresses come from, and the source address the probe VM logs (with the source)."""
    lab = small_cluster(model)
    t = traits(lab.model)
    seen = source_ip(lab.model, "vnet")
    planned = plan(lab.spec)
    pod_cidr = planned.pod_cidr.cidr if planned.pod_cidr is not None else None
    where = (
        f"inside the VNet: from the node subnet {NODE_SUBNET}, the same range as the nodes"
        if t.pods_from_node_subnet
        else f"outside the VNet: from the pod CIDR {pod_cidr}, one /{facts.POD_CIDR_BLOCK_PREFIX} per node"
    )
    routes = (
        f" The route table lists one route per node: its pods' /24, next hop the node's address ({NODES} routes)."
        if lab.model is NetworkModel.KUBENET
        else ""
    )
    return (
        f"{t.label}: `kubectl get pods -o wide` shows pod addresses {where}.{routes} The probe VM's log shows the "
        f"{seen.seen} as the source: {seen.why} ({seen.url})."
    )


def cleanup_command(model: str | NetworkModel) -> str:
    """The one command that deletes everything the lab created (the resource group, and with it the cluster)."""
    return f"az group delete --name {small_cluster(model).resource_group} --yes --no-wait"
